// Package web holds argmap's HTML templates and static files, embedded in the
// binary so that the server needs nothing on disk but its database.
package web

import "embed"

// FS holds templates/*.html (html/template sources: a shared layout and one
// file per page) and static/* (the stylesheet and icon served under /static/).
//
//go:embed templates static
var FS embed.FS
