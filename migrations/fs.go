// Package migrations holds argmap's database schema as numbered SQL files
// (001_init.sql, 002_….sql, …). The store applies, in order, every file a
// database has not seen yet, each in its own transaction.
package migrations

import "embed"

// FS holds the migration files, named NNN_description.sql.
//
//go:embed *.sql
var FS embed.FS
