/**
 * An archived community (issue 14) is read-only: its gallery, leaderboards and analytics stay as they were,
 * but it takes no new answers, kudos, series or members. Every such write asks here first.
 */
import { DomainError } from './errors';

/** 409 community_archived when the community was archived by a steward; nothing otherwise. */
export function requireOpen(community: { archivedAt: number | null }): void {
  if (community.archivedAt !== null) {
    throw new DomainError('community_archived', 'This community is archived: it keeps its gallery but takes nothing new');
  }
}
