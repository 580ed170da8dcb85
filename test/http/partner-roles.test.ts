import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createLocation, createPartner, createUser } from '../support/factories.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// The Account admin assigns incentive roles per location (spec §1, R33); nobody else can, and nothing
// crosses partners (quality §3.1–3.2).
describeEachDatabase('role management', ({ handle }) => {
  const t = useTestApp(handle);

  async function world() {
    const { db } = handle();
    const a = await createPartner(db);
    const b = await createPartner(db);
    const a1 = await createLocation(db, a.id);
    const a2 = await createLocation(db, a.id, { enrolled: false });
    const b1 = await createLocation(db, b.id);
    const admin = await createUser(db, { partnerId: a.id, accountAdmin: true });
    const member = await createUser(db, { partnerId: a.id });
    const incentivesAdmin = await createUser(db, {
      partnerId: a.id,
      roles: [{ locationId: a1.id, role: 'incentivesAdmin' }],
    });
    const otherUser = await createUser(db, { partnerId: b.id });
    const operator = await createUser(db, { kind: 'operator' });
    return { a, b, a1, a2, b1, admin, member, incentivesAdmin, otherUser, operator };
  }

  it('lists only the own partner’s locations and users', async () => {
    const w = await world();
    const client = await signInAs(t().app, w.admin.email);
    const locations = await client.request({ method: 'GET', url: '/api/v1/partner/locations' });
    expect(locations.statusCode).toBe(200);
    expect(
      locations
        .json()
        .value.map((l: { id: string }) => l.id)
        .sort(),
    ).toEqual([w.a1.id, w.a2.id].sort());
    expect(locations.json().value.find((l: { id: string }) => l.id === w.a2.id).enrolled).toBe(false);
    const users = await client.request({ method: 'GET', url: '/api/v1/partner/users' });
    const ids = users.json().value.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([w.admin.id, w.member.id, w.incentivesAdmin.id]));
    expect(ids).not.toContain(w.otherUser.id);
  });

  it('assigns, changes and removes a role, with an audit event for each', async () => {
    const w = await world();
    const client = await signInAs(t().app, w.admin.email);
    const url = `/api/v1/partner/users/${w.member.id}/roles/${w.a1.id}`;
    const granted = await client.request({ method: 'PUT', url, payload: { role: 'incentivesUser' } });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual([{ locationId: w.a1.id, role: 'incentivesUser' }]);
    const changed = await client.request({ method: 'PUT', url, payload: { role: 'incentivesAdmin' } });
    expect(changed.json().roles).toEqual([{ locationId: w.a1.id, role: 'incentivesAdmin' }]);
    // The member's own session now carries the role.
    const member = await signInAs(t().app, w.member.email);
    expect(member.body.user.roles).toEqual([
      expect.objectContaining({ locationId: w.a1.id, role: 'incentivesAdmin' }),
    ]);
    const removed = await client.request({ method: 'DELETE', url });
    expect(removed.statusCode).toBe(204);
    const events = await handle()
      .db.selectFrom('audit_events')
      .select(['action', 'data'])
      .where('actor_id', '=', w.admin.id)
      .where('action', 'like', 'role.%')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['role.assign', 'role.assign', 'role.revoke']);
    expect(events[1]!.data).toMatchObject({ from: 'incentivesUser', to: 'incentivesAdmin' });
  });

  it('another partner’s user or location is the same 404 as an id that does not exist', async () => {
    const w = await world();
    const client = await signInAs(t().app, w.admin.email);
    const otherUser = await client.request({
      method: 'PUT',
      url: `/api/v1/partner/users/${w.otherUser.id}/roles/${w.a1.id}`,
      payload: { role: 'incentivesUser' },
    });
    const otherLocation = await client.request({
      method: 'PUT',
      url: `/api/v1/partner/users/${w.member.id}/roles/${w.b1.id}`,
      payload: { role: 'incentivesUser' },
    });
    const nobody = await client.request({
      method: 'PUT',
      url: `/api/v1/partner/users/00000000-0000-4000-8000-000000000000/roles/${w.a1.id}`,
      payload: { role: 'incentivesUser' },
    });
    for (const r of [otherUser, otherLocation, nobody]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NotFound');
    }
    expect(otherUser.json().error.message).toBe(nobody.json().error.message);
    const rows = await handle()
      .db.selectFrom('user_location_roles')
      .selectAll()
      .where('location_id', '=', w.b1.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('only the Account admin may manage roles (Incentives admin, plain user and operator are refused)', async () => {
    const w = await world();
    for (const email of [w.incentivesAdmin.email, w.member.email, w.operator.email]) {
      const client = await signInAs(t().app, email);
      const list = await client.request({ method: 'GET', url: '/api/v1/partner/users' });
      expect(list.statusCode).toBe(403);
      const put = await client.request({
        method: 'PUT',
        url: `/api/v1/partner/users/${w.member.id}/roles/${w.a1.id}`,
        payload: { role: 'incentivesAdmin' },
      });
      expect(put.statusCode).toBe(403);
      expect(put.json().error.code).toBe('Forbidden');
    }
    const anonymous = await t().app.inject({ method: 'GET', url: '/api/v1/partner/users' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a role that does not exist and malformed ids with field errors', async () => {
    const w = await world();
    const client = await signInAs(t().app, w.admin.email);
    const badRole = await client.request({
      method: 'PUT',
      url: `/api/v1/partner/users/${w.member.id}/roles/${w.a1.id}`,
      payload: { role: 'superAdmin' },
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.details[0]).toMatchObject({ code: 'oneOf', target: 'role' });
    const badId = await client.request({
      method: 'PUT',
      url: `/api/v1/partner/users/not-a-guid/roles/${w.a1.id}`,
      payload: { role: 'incentivesUser' },
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0]).toMatchObject({ code: 'uuid', target: 'params.userId' });
  });
});
