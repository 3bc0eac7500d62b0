package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/argmap/argmap/internal/argument"
)

// This file publishes a revision: it copies the database beside itself,
// has the copy written, and renames it over the database.

// ingest is IngestWith without the context its errors get there.
func ingest(ctx context.Context, dbPath string, a *argument.Analysis, src Source, opts IngestOptions) (*Result, error) {
	if a == nil {
		return nil, errors.New("no analysis")
	}
	if err := validate(a); err != nil {
		return nil, fmt.Errorf("invalid analysis: %w", err)
	}
	path, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // replace a symlink's target, not the link
	}
	// A file that is not an argmap database is refused before anything,
	// even the lock file, is created beside it; it is checked again once
	// the lock is held.
	if info, err := os.Stat(path); err == nil {
		if err := checkFile(path, info); err != nil {
			return nil, err
		}
	}
	unlock, err := lockDatabase(ctx, path, opts.Waiting)
	if err != nil {
		return nil, err
	}
	defer unlock()
	swept, err := sweepTemp(path)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(path)
	exists := err == nil
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := checkFile(path, info); err != nil {
			return nil, err
		}
	}

	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+"*"+tempSuffix)
	if err != nil {
		return nil, fmt.Errorf("create temporary file: %w", err)
	}
	tmpPath := tmp.Name()
	published := false
	defer func() {
		if !published {
			_ = tmp.Close()
			_ = os.Remove(tmpPath)
			_ = os.Remove(tmpPath + "-journal")
		}
	}()
	mode := fs.FileMode(0o644)
	if exists {
		mode = info.Mode().Perm()
		if err := copyFile(tmp, path); err != nil {
			return nil, err
		}
	}
	if err := tmp.Chmod(mode); err != nil {
		return nil, fmt.Errorf("set mode of temporary file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("write temporary file: %w", err)
	}

	res, undo, publish, err := ingestFile(ctx, tmpPath, a, src, opts)
	if err != nil {
		return nil, err
	}
	if publish {
		if err := syncFile(tmpPath); err != nil {
			undo()
			return nil, err
		}
		if err := unchangedSince(path, info, exists); err != nil {
			undo()
			return nil, err
		}
		if err := os.Rename(tmpPath, path); err != nil {
			undo()
			return nil, fmt.Errorf("replace database: %w", err)
		}
		published = true
		if err := syncDir(dir); err != nil {
			return nil, err
		}
	}
	res.Swept = swept
	return res, nil
}

// tempSuffix ends the name of an ingest's temporary copy of a database,
// ".NAME.DIGITS.tmp" beside NAME (os.CreateTemp puts the digits); SQLite
// may add "-journal" to it.
const tempSuffix = ".tmp"

// tempPrefix starts the names of the temporary copies of the database at
// path.
func tempPrefix(path string) string { return "." + filepath.Base(path) + "." }

// lockDatabase takes the exclusive lock of the database at path: a flock
// on the file path+".lock", which it creates when missing and never
// removes (removing it would let two ingests lock two different files). It
// waits while another process holds the lock, checking ctx every 20 ms,
// and calls waiting (when not nil) once before it waits.
// The kernel drops the lock when its holder exits, even by kill -9, so a
// killed ingest never leaves the database locked. The returned function
// releases it.
func lockDatabase(ctx context.Context, path string, waiting func()) (func(), error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock database: %w", err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { _ = f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			_ = f.Close()
			return nil, fmt.Errorf("lock database: %w", err)
		}
		if waiting != nil {
			waiting()
			waiting = nil
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, fmt.Errorf("wait for another ingest of %s: %w", path, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// sweepTemp removes the temporary copies (and their journals) that killed
// ingests left beside the database at path, and returns their names. It
// must be called holding the database's lock: every live ingest holds it
// while its copy exists, so any copy found then is stale. Only names of
// argmap's own pattern for this database are touched.
func sweepTemp(path string) ([]string, error) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("look for stale temporary files: %w", err)
	}
	var swept []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTempName(e.Name(), path) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return swept, fmt.Errorf("remove stale temporary file: %w", err)
		}
		swept = append(swept, e.Name())
	}
	return swept, nil
}

// isTempName reports whether name is that of a temporary copy of the
// database at path, or of its journal: tempPrefix, digits, tempSuffix.
func isTempName(name, path string) bool {
	rest, ok := strings.CutPrefix(name, tempPrefix(path))
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, "-journal")
	digits, ok := strings.CutSuffix(rest, tempSuffix)
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// copyFile copies the file at path into dst.
func copyFile(dst *os.File, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	defer src.Close()
	if _, err := io.Copy(dst, src); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	return nil
}

// unchangedSince makes sure no other ingest replaced the database at path
// while this one was writing its copy.
func unchangedSince(path string, before os.FileInfo, existed bool) error {
	now, err := os.Stat(path)
	switch {
	case !existed && errors.Is(err, fs.ErrNotExist):
		return nil
	case !existed && err == nil:
		return errors.New("database was created by someone else during the ingest")
	case err != nil:
		return err
	case !os.SameFile(before, now) || !before.ModTime().Equal(now.ModTime()) || before.Size() != now.Size():
		return errors.New("database changed during the ingest")
	}
	return nil
}

// syncFile flushes the file at path to stable storage.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync temporary file: %w", err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("sync temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sync temporary file: %w", err)
	}
	return nil
}

// syncDir flushes a directory, making a rename in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// ingestFile migrates the database file at path (a private copy) and
// writes the revision into it, renumbering a in place (see writeRevision).
// It returns the function that undoes the renumbering, and whether the file
// now differs from the database it copies.
func ingestFile(ctx context.Context, path string, a *argument.Analysis, src Source, opts IngestOptions) (*Result, func(), bool, error) {
	// The copy is private and is thrown away on any failure, so it needs
	// no journal on disk and no syncs before the one fsync at the end.
	db, err := sql.Open("sqlite3", dsn(path, "_foreign_keys=1&_journal_mode=MEMORY&_synchronous=OFF&_txlock=immediate"))
	if err != nil {
		return nil, nil, false, fmt.Errorf("open temporary database: %w", err)
	}
	db.SetMaxOpenConns(1)
	migrated, err := migrate(ctx, db)
	if err != nil {
		_ = db.Close()
		return nil, nil, false, fmt.Errorf("migrate: %w", err)
	}
	res, undo, err := writeRevision(ctx, db, a, src, opts, time.Now().UTC())
	if err != nil {
		_ = db.Close()
		return nil, nil, false, err
	}
	if err := db.Close(); err != nil {
		undo()
		return nil, nil, false, fmt.Errorf("close temporary database: %w", err)
	}
	return res, undo, res.Changed || migrated > 0, nil
}
