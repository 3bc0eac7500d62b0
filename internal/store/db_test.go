package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"github.com/argmap/argmap/internal/argument"
)

// makeSQLite writes an SQLite database that is not argmap's.
func makeSQLite(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=DELETE"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello')`); err != nil {
		t.Fatal(err)
	}
}

// notArgmapFiles make, each, a file that is not an argmap database.
var notArgmapFiles = []struct {
	name string
	make func(t *testing.T, path string)
}{
	{"sqlite database", makeSQLite},
	{"random bytes", func(t *testing.T, path string) {
		b := make([]byte, 8192)
		_, _ = rand.Read(b)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}},
	{"empty file", func(t *testing.T, path string) {
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}},
	{"text file", func(t *testing.T, path string) {
		if err := os.WriteFile(path, []byte("SQLite format 3 is what this line says, but it is text.\n"+strings.Repeat("x", 200)), 0o644); err != nil {
			t.Fatal(err)
		}
	}},
}

func TestIngestRefusesOtherFiles(t *testing.T) {
	for _, tt := range notArgmapFiles {
		t.Run(tt.name, func(t *testing.T) {
			path := dbPath(t)
			tt.make(t, path)
			sum := fileSum(t, path)
			_, err := Ingest(context.Background(), path, build(baseEssay()...), sourceOf(baseEssay()))
			if !isNotArgmap(err) {
				t.Errorf("Ingest into a %s = %v, want an error wrapping ErrNotArgmap", tt.name, err)
			}
			if got := fileSum(t, path); got != sum {
				t.Errorf("Ingest changed the %s", tt.name)
			}
			noTempFiles(t, filepath.Dir(path), "argmap.db")
		})
	}
	t.Run("directory", func(t *testing.T) {
		path := dbPath(t)
		if err := os.Mkdir(path, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := Ingest(context.Background(), path, build(baseEssay()...), sourceOf(baseEssay())); !isNotArgmap(err) {
			t.Errorf("Ingest into a directory = %v, want an error wrapping ErrNotArgmap", err)
		}
	})
}

func TestIngestFailureLeavesDatabase(t *testing.T) {
	bad := build(baseEssay()...)
	bad.Relations = append(bad.Relations, argument.Relation{From: "1.1", To: "9.9", Kind: argument.Support})
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		a    *argument.Analysis
	}{
		{"cancelled", cancelled, build(essayOf(tTitle, p1)...)},
		{"dangling relation", context.Background(), bad},
		{"no paragraphs", context.Background(), &argument.Analysis{}},
		{"nil analysis", context.Background(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := dbPath(t)
			ingestParas(t, path, baseEssay())
			sum := fileSum(t, path)
			if _, err := Ingest(tt.ctx, path, tt.a, Source{Name: "other.txt", SHA256: "00"}); err == nil {
				t.Fatalf("Ingest succeeded, want an error")
			}
			if got := fileSum(t, path); got != sum {
				t.Errorf("a failed Ingest changed the database")
			}
			noTempFiles(t, filepath.Dir(path), "argmap.db", "argmap.db.lock")
		})
	}
	t.Run("missing directory", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nowhere", "argmap.db")
		if _, err := Ingest(context.Background(), path, build(baseEssay()...), sourceOf(baseEssay())); err == nil {
			t.Errorf("Ingest into a missing directory succeeded")
		}
		if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Ingest created %s", filepath.Dir(path))
		}
	})
}

func TestOpenRefuses(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		path := dbPath(t)
		if _, err := Open(context.Background(), path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(missing) = %v, want an error wrapping fs.ErrNotExist", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open created %s", path)
		}
	})
	for _, tt := range notArgmapFiles {
		t.Run(tt.name, func(t *testing.T) {
			path := dbPath(t)
			tt.make(t, path)
			sum := fileSum(t, path)
			if _, err := Open(context.Background(), path); !isNotArgmap(err) {
				t.Errorf("Open(%s) = %v, want an error wrapping ErrNotArgmap", tt.name, err)
			}
			if got := fileSum(t, path); got != sum {
				t.Errorf("Open changed the %s", tt.name)
			}
		})
	}
}

func TestNewerSchema(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	db, err := sql.Open("sqlite3", dsn(path, "_journal_mode=DELETE"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (999, '999_future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sum := fileSum(t, path)
	if _, err := Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open(newer schema) = %v, want an error saying it is newer", err)
	}
	if _, err := Ingest(context.Background(), path, build(essayOf(tTitle, p1)...), Source{Name: "x"}); err == nil {
		t.Errorf("Ingest(newer schema) succeeded")
	}
	if got := fileSum(t, path); got != sum {
		t.Errorf("refusing a newer schema changed the database")
	}
}

func TestMigrations(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	ingestParas(t, path, essayOf(tTitle, p1))
	db, err := sql.Open("sqlite3", dsn(path, "mode=ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&id); err != nil || id != ApplicationID {
		t.Errorf("application_id = %#x, %v; want %#x", id, err, ApplicationID)
	}
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var n, last int
	if err := db.QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_migrations`).Scan(&n, &last); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || last != ms[len(ms)-1].version {
		t.Errorf("schema_migrations has %d rows up to %d, want %d up to %d", n, last, len(ms), ms[len(ms)-1].version)
	}
	var fk int
	if err := db.QueryRow(`SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Errorf("foreign_key_check found %d problems (%v)", fk, err)
	}
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check = %q, %v", ok, err)
	}
}

func TestReadVersions(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	_, first := ingestParas(t, path, baseEssay())
	edited := strings.Replace(p4, "warn", "caution", 1)
	ingestParas(t, path, essayOf(tTitle, p1, p2, edited, p5, p6))
	sum := fileSum(t, path)

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	tests := []struct {
		pid      string
		revision int
		wantRev  int
		wantPos  int
		wantText string // "" for not found
	}{
		{"4", 1, 1, 4, p4},
		{"4", 2, 2, 3, edited},
		{"4", 0, 2, 3, edited},
		{"3", 0, 1, 3, p3},
		{"3", 1, 1, 3, p3},
		{"3", 2, 0, 0, ""},
		{"nope", 1, 0, 0, ""},
		{"4", 7, 0, 0, ""},
	}
	for _, tt := range tests {
		v, err := d.ParagraphVersion(ctx, tt.pid, tt.revision)
		if tt.wantText == "" {
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("ParagraphVersion(%s, %d) = %+v, %v; want ErrNotFound", tt.pid, tt.revision, v, err)
			}
			continue
		}
		want := ParagraphVersion{PID: tt.pid, Revision: tt.wantRev, Position: tt.wantPos, Kind: "body", Text: tt.wantText}
		if err != nil || v != want {
			t.Errorf("ParagraphVersion(%s, %d) = %+v, %v; want %+v", tt.pid, tt.revision, v, err, want)
		}
	}
	old, err := d.Analysis(ctx, 1)
	if err != nil || !reflect.DeepEqual(old, first) {
		t.Errorf("Analysis(1) = %+v, %v; want %+v", old, err, first)
	}
	if _, err := d.Analysis(ctx, 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("Analysis(3) error = %v, want ErrNotFound", err)
	}
	if _, err := d.Snapshot(ctx); err != nil {
		t.Fatal(err)
	}
	if got := fileSum(t, path); got != sum {
		t.Errorf("reading changed the database")
	}
}

// TestOpenReadOnly writes through the connections of a DB that Open
// returned: SQLite must refuse each write as read-only, and the file must
// not change. (immutable=1 alone makes SQLite refuse writes too, so this
// fails only when neither mode=ro nor immutable=1 is left.)
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	sum := fileSum(t, path)

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, stmt := range []string{
		`CREATE TABLE scratch (x INTEGER)`,
		`DELETE FROM schema_migrations`,
	} {
		_, err := d.db.ExecContext(ctx, stmt)
		var se sqlite3.Error
		if !errors.As(err, &se) || se.Code != sqlite3.ErrReadonly {
			t.Errorf("Exec(%q) error = %v, want SQLite's read-only error", stmt, err)
		}
	}
	if got := fileSum(t, path); got != sum {
		t.Errorf("a write through Open's DB changed the database")
	}
}

func TestPermissionsKept(t *testing.T) {
	path := dbPath(t)
	ingestParas(t, path, baseEssay())
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	ingestParas(t, path, essayOf(tTitle, p1))
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode after ingest = %v, want 0600", info.Mode().Perm())
	}
}
