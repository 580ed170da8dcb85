import { api, apiUrl, resolveLink } from './client.ts';
import type {
  CreateEngagementRequest,
  FileKind,
  OperatorClaimDetail,
  OperatorEngagement,
  OperatorEngagementList,
  PatchEngagementRequest,
  ReviewDecisionRequest,
  ReviewDecisionResult,
  ReviewQueue,
  ReviewQueueItem,
} from './types.ts';

// The program operator's back office (spec §4.5, issue 6): the claim review queue, one claim with its
// proof of execution, review decisions, and the engagement editor. Operators only (the server answers
// 403 to anyone else).

import type { ClaimStatus } from '../../src/contracts/lifecycle.ts';

/** Claim statuses and the server's default queue, from the lifecycle table through the contracts. */
export {
  AWAITING_OPERATOR,
  CLAIM_STATUS_VALUES as CLAIM_STATUSES,
  type ClaimStatus,
} from '../../src/contracts/lifecycle.ts';

export type Decision = ReviewDecisionRequest['decision'];

export interface QueueFilters {
  statuses: readonly ClaimStatus[];
  engagementId: string;
}

/** One page of the queue, with the API path of the next page when there is one. */
export interface QueuePage {
  value: ReviewQueueItem[];
  next: string | null;
}

/** Rows per page of the review queue. */
const QUEUE_PAGE_SIZE = 50;

const claimPath = (nominationId: string) => `/operator/claims/${encodeURIComponent(nominationId)}`;
const engagementPath = (id: string) => `/operator/engagements/${encodeURIComponent(id)}`;

async function queuePage(path: string, signal?: AbortSignal): Promise<QueuePage> {
  const body = await api.get<ReviewQueue>(path, { signal });
  return { value: body.value, next: body.nextLink ? resolveLink(body.nextLink, path) : null };
}

export function queuePath(filters: QueueFilters): string {
  const q = new URLSearchParams();
  if (filters.statuses.length > 0) q.set('status', filters.statuses.join(','));
  if (filters.engagementId) q.set('engagementId', filters.engagementId);
  q.set('maxpagesize', String(QUEUE_PAGE_SIZE));
  return `/operator/claims?${q}`;
}

/** An engagement with the ETag to send back as If-Match. */
export interface EditableEngagement {
  engagement: OperatorEngagement;
  etag: string;
}

export const operatorApi = {
  queue: (filters: QueueFilters, signal?: AbortSignal) => queuePage(queuePath(filters), signal),
  /** Follows a `next` link of {@link queue}. */
  next: (next: string, signal?: AbortSignal) => queuePage(next, signal),
  claim: (nominationId: string, signal?: AbortSignal) =>
    api.get<OperatorClaimDetail>(claimPath(nominationId), { signal }),
  /** The download URL of a POE file (a plain link: the session cookie authorises it). */
  fileUrl: (nominationId: string, kind: FileKind) => apiUrl(`${claimPath(nominationId)}/files/${kind}`),
  /** The same key on a retry of the same attempt decides nothing twice. */
  decide: (nominationId: string, body: ReviewDecisionRequest, idempotencyKey: string) =>
    api.post<ReviewDecisionResult>(`${claimPath(nominationId)}/decisions`, body, {
      headers: { 'Idempotency-Key': idempotencyKey },
    }),

  engagements: (signal?: AbortSignal) => api.get<OperatorEngagementList>('/operator/engagements', { signal }),
  async engagement(id: string, signal?: AbortSignal): Promise<EditableEngagement> {
    const { data, headers } = await api.send<OperatorEngagement>('GET', engagementPath(id), undefined, {
      signal,
    });
    return { engagement: data, etag: headers.get('etag') ?? data.etag };
  },
  async createEngagement(body: CreateEngagementRequest, idempotencyKey: string): Promise<EditableEngagement> {
    const { data, headers } = await api.send<OperatorEngagement>('POST', '/operator/engagements', body, {
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    return { engagement: data, etag: headers.get('etag') ?? data.etag };
  },
  /** 412 when someone else saved in between (the caller reloads and says so). */
  async patchEngagement(id: string, body: PatchEngagementRequest, etag: string): Promise<EditableEngagement> {
    const { data, headers } = await api.send<OperatorEngagement>('PATCH', engagementPath(id), body, {
      headers: { 'If-Match': etag },
    });
    return { engagement: data, etag: headers.get('etag') ?? data.etag };
  },
};
