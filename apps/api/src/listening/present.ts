import type { MentionSourceKind } from '@groundswell/core';
import type { MentionView } from '@groundswell/db';

/** Kinds whose platform takes no reply: the officer opens the original and answers there. */
const NO_REPLY: readonly MentionSourceKind[] = ['feed'];

export const canReply = (kind: MentionSourceKind) => !NO_REPLY.includes(kind);

export const presentMention = (m: MentionView) => ({ ...m, canReply: canReply(m.source.kind) });
