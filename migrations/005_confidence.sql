-- argmap schema, version 5: the learned extractor's confidence.
--
-- Every sentence's role and every relation carries the model's calibrated
-- probability (0–1); a thesis statement that restates the thesis names
-- the sentence it restates. Rows written before this version were decided
-- by rules, with no probability: they read as 1.
ALTER TABLE sentences ADD COLUMN confidence REAL NOT NULL DEFAULT 1;
ALTER TABLE sentences ADD COLUMN restates TEXT NOT NULL DEFAULT '';
ALTER TABLE relations ADD COLUMN confidence REAL NOT NULL DEFAULT 1;
