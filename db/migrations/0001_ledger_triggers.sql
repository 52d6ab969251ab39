-- The points ledger is append-only: corrections are new, reversing entries.
CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger
BEGIN
  SELECT RAISE(ABORT, 'points_ledger is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
BEGIN
  SELECT RAISE(ABORT, 'points_ledger is append-only');
END;
--> statement-breakpoint
-- Scores are derived from the ledger in the same transaction, so they can never drift from it.
CREATE TRIGGER points_ledger_to_scores AFTER INSERT ON points_ledger
BEGIN
  INSERT INTO scores (community_id, user_id, period, points, listed_points)
  VALUES
    (NEW.community_id, NEW.user_id, 'all', NEW.delta, CASE WHEN NEW.listed THEN NEW.delta ELSE 0 END),
    (NEW.community_id, NEW.user_id, NEW.week_of, NEW.delta, CASE WHEN NEW.listed THEN NEW.delta ELSE 0 END)
  ON CONFLICT (community_id, period, user_id) DO UPDATE SET
    points = points + excluded.points,
    listed_points = listed_points + excluded.listed_points;
END;
