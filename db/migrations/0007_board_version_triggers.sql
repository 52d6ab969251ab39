-- Leaderboards are cached per community and served while communities.board_version stands still. Everything a
-- board shows bumps it in the same transaction as the change: scores (via the ledger), a member's name or
-- listing, and who is a member.
DROP TRIGGER points_ledger_to_scores;
--> statement-breakpoint
CREATE TRIGGER points_ledger_to_scores AFTER INSERT ON points_ledger
BEGIN
  INSERT INTO scores (community_id, user_id, period, points, listed_points)
  VALUES
    (NEW.community_id, NEW.user_id, 'all', NEW.delta, CASE WHEN NEW.listed THEN NEW.delta ELSE 0 END),
    (NEW.community_id, NEW.user_id, NEW.week_of, NEW.delta, CASE WHEN NEW.listed THEN NEW.delta ELSE 0 END)
  ON CONFLICT (community_id, period, user_id) DO UPDATE SET
    points = points + excluded.points,
    listed_points = listed_points + excluded.listed_points;
  UPDATE communities SET board_version = board_version + 1 WHERE id = NEW.community_id;
END;
--> statement-breakpoint
CREATE TRIGGER users_board_fields AFTER UPDATE OF name, show_on_leaderboards ON users
BEGIN
  UPDATE communities SET board_version = board_version + 1
  WHERE id IN (SELECT community_id FROM memberships WHERE user_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER memberships_board_insert AFTER INSERT ON memberships
BEGIN
  UPDATE communities SET board_version = board_version + 1 WHERE id = NEW.community_id;
END;
--> statement-breakpoint
CREATE TRIGGER memberships_board_delete AFTER DELETE ON memberships
BEGIN
  UPDATE communities SET board_version = board_version + 1 WHERE id = OLD.community_id;
END;
