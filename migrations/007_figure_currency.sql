-- argmap schema, version 7: the currency of a money figure.
--
-- figures.currency is the ISO 4217 code ("USD", "EUR") of a money
-- figure's currency where its symbol or word says it unambiguously, else
-- the empty string. Rows written before this version read as unknown; the
-- next ingest of the essay, whose analysis now has currencies, publishes
-- them as a revision.
ALTER TABLE figures ADD COLUMN currency TEXT NOT NULL DEFAULT '';
