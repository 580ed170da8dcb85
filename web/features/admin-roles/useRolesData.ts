import { useCallback, useEffect, useState } from 'react';
import { partnerApi } from '../../api/partner.ts';
import type { PartnerLocation, PartnerUser, PendingInvitation } from '../../api/types.ts';

export type RolesData =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | {
      status: 'ready';
      locations: PartnerLocation[];
      users: PartnerUser[];
      /** Invitations not yet used (issue 15: the Users page). */
      invitations: PendingInvitation[];
    };

/**
 * Loads the partner's locations, users and pending invitations (the lists fit one page for a partner's
 * own users), for the roles page and the Users page. A reload keeps what is shown until it answers.
 */
export function useRolesData() {
  const [data, setData] = useState<RolesData>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([partnerApi.locations(controller.signal), partnerApi.users(controller.signal)])
      .then(([locations, users]) =>
        setData({
          status: 'ready',
          locations: locations.value,
          users: users.value,
          invitations: users.invitations,
        }),
      )
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setData({ status: 'error', error });
      });
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const replaceUser = useCallback((user: PartnerUser) => {
    setData((current) =>
      current.status === 'ready'
        ? { ...current, users: current.users.map((u) => (u.id === user.id ? user : u)) }
        : current,
    );
  }, []);

  const replaceLocation = useCallback((location: PartnerLocation) => {
    setData((current) =>
      current.status === 'ready'
        ? { ...current, locations: current.locations.map((l) => (l.id === location.id ? location : l)) }
        : current,
    );
  }, []);

  return { data, reload, replaceUser, replaceLocation };
}
