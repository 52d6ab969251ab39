/** Why a member reports an answer (issue 12), shared by the table (db/schema/moderation.ts), the API and the form. */
export const reportReasons = ['unkind', 'off_topic', 'private_information', 'spam', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];
