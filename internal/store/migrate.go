package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/argmap/argmap/migrations"
)

// ApplicationID is the SQLite application_id that marks a database as
// argmap's: "ARMP" in ASCII.
const ApplicationID = 0x41524D50

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded migration files in version order.
func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var ms []migration
	seen := make(map[int]string)
	for _, name := range names {
		digits, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(digits)
		if !ok || err != nil || v < 1 {
			return nil, fmt.Errorf("migration %s: name does not start with a number and an underscore", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s have the same number", other, name)
		}
		seen[v] = name
		b, err := fs.ReadFile(migrations.FS, name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// latestVersion returns the number of the newest embedded migration.
func latestVersion() (int, error) {
	ms, err := loadMigrations()
	if err != nil {
		return 0, err
	}
	if len(ms) == 0 {
		return 0, nil
	}
	return ms[len(ms)-1].version, nil
}

// migrate marks db as argmap's and applies, in order, every embedded
// migration it has not recorded in schema_migrations, each in its own
// transaction, and returns how many it applied. It refuses a database
// that has migrations this build does not know.
func migrate(ctx context.Context, db *sql.DB) (int, error) {
	ms, err := loadMigrations()
	if err != nil {
		return 0, err
	}
	setup := fmt.Sprintf(`PRAGMA application_id = %d;
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name    TEXT    NOT NULL,
    applied TEXT    NOT NULL
) STRICT;`, ApplicationID)
	if _, err := db.ExecContext(ctx, setup); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	applied, err := appliedVersion(ctx, db)
	if err != nil {
		return 0, err
	}
	if len(ms) > 0 && applied > ms[len(ms)-1].version {
		return 0, fmt.Errorf("database schema version %d is newer than this argmap knows (%d)", applied, ms[len(ms)-1].version)
	}
	n := 0
	for _, m := range ms {
		if m.version <= applied {
			continue
		}
		if err := applyMigration(ctx, db, m); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// applyMigration runs one migration and records it, in one transaction.
func applyMigration(ctx context.Context, db *sql.DB, m migration) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: begin: %w", m.name, err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, ftsHint(err))
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
		m.version, m.name, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("migration %s: record: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	return nil
}

// appliedVersion returns the highest migration recorded in
// schema_migrations, or 0 when there is none.
func appliedVersion(ctx context.Context, q queryer) (int, error) {
	var v sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}
