module github.com/argmap/argmap

go 1.26.8

require (
	github.com/andybalholm/brotli v1.3.0 // indirect
	github.com/go-chi/chi/v5 v5.5.0 // indirect
	github.com/jdkato/prose/v3 v3.2.3 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	github.com/yuin/goldmark v1.8.7 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)
