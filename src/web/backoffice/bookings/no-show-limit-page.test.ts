import { expect, it } from 'vitest'
import { aSalon } from '../../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, aStaffSession, callApi, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import { noShowLimitOf } from '../../../modules/bookings/index.js'

// UX-18's number of no-shows, set by the owner: in the set-up page and through the API.
forEachEngine('the shop’s no-show rule, in the back-office and the API', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  it('lets the owner choose it on the set-up page, shows it to staff, and refuses a number out of range', async () => {
    const { shopId } = await aSalon(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const page = (await owner.get(`/admin/${shopId}/rendez-vous/reglages`)).body
    expect(page).toContain('<h2 id="absences-repetees">Clients qui ne viennent pas</h2>')
    expect(page).toContain('<option value="4" selected>4 absences</option>')
    const saved = await owner.postForm(`/admin/${shopId}/rendez-vous/reglages/absences-repetees`, {
      noShowLimit: '2',
    })
    expect([saved.status, saved.location]).toEqual([
      303,
      `/admin/${shopId}/rendez-vous/reglages?ok=absences-repetees`,
    ])
    expect(await noShowLimitOf(db(), shopId)).toBe(2)
    expect((await owner.get(saved.location!)).body).toContain('Règle enregistrée')
    const refused = await owner.postForm(`/admin/${shopId}/rendez-vous/reglages/absences-repetees`, {
      noShowLimit: '99',
    })
    expect(refused.status).toBe(400)
    expect(refused.body).toContain('Choisissez un nombre d’absences de 1 à 20.')
    expect(await noShowLimitOf(db(), shopId)).toBe(2)

    const staff = await aSignedInStaffMember(server, shopId)
    const seen = (await staff.get(`/admin/${shopId}/rendez-vous/reglages`)).body
    expect(seen).toContain('Garantie demandée après 2 absences.')
    expect(seen).not.toContain('name="noShowLimit"')
    expect(
      (await staff.postForm(`/admin/${shopId}/rendez-vous/reglages/absences-repetees`, { noShowLimit: '1' }))
        .status,
    ).toBe(403)
    expect(
      (
        await owner.postForm(
          `/admin/${shopId}/rendez-vous/reglages/absences-repetees`,
          { noShowLimit: '1' },
          { withCsrf: false },
        )
      ).status,
    ).toBe(403)
    expect(await noShowLimitOf(db(), shopId)).toBe(2)
  })

  it('reads it for staff and sets it for the owner through the API, and keeps other shops out', async () => {
    const { shopId } = await aSalon(db(), clock)
    const other = await aSalon(db(), clock)
    const owner = (await aStaffSession(server, shopId, 'owner')).cookieHeader()
    const staff = (await aStaffSession(server, shopId)).cookieHeader()
    const stranger = (await aStaffSession(server, other.shopId, 'owner')).cookieHeader()
    const path = `/api/v1/shops/${shopId}/admin/booking-settings`
    expect(await callApi(server.baseUrl, staff, 'GET', path)).toEqual({
      status: 200,
      json: { noShowLimit: 4 },
    })
    expect(await callApi(server.baseUrl, owner, 'PUT', path, { noShowLimit: 3 })).toEqual({
      status: 200,
      json: { noShowLimit: 3 },
    })
    expect((await callApi(server.baseUrl, staff, 'PUT', path, { noShowLimit: 1 })).status).toBe(403)
    expect((await callApi(server.baseUrl, stranger, 'PUT', path, { noShowLimit: 1 })).status).toBe(404)
    expect((await callApi(server.baseUrl, stranger, 'GET', path)).status).toBe(404)
    expect((await callApi(server.baseUrl, owner, 'PUT', path, { noShowLimit: 0 })).status).toBe(400)
    expect(await noShowLimitOf(db(), shopId)).toBe(3)
  })
})
