import { describe, expect, it } from 'vitest';
import { registerPartner, updatePartner } from './partner.ts';
import { contextAt } from './test-given.ts';

const sealed = { k: 'k1', iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };

const association = {
  partnerId: 'partner-1',
  kind: 'ethnocultural_association' as const,
  names: { kk: 'Ұйғыр этномәдени орталығы', ru: 'Уйгурский этнокультурный центр' },
  region: '190000000',
  district: null,
  communities: ['uyghur' as const, 'dungan' as const, 'uyghur' as const],
  status: 'active' as const,
  contactPerson: sealed,
};

describe('partner directory', () => {
  it('registering publishes kind, territory and communities, never the names or the contact person', () => {
    const { state, events } = registerPartner(association, contextAt('2026-03-01'));
    expect(state.communities).toEqual(['dungan', 'uyghur']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'partner.registered.v1',
      subject: 'partner-1',
      region: '190000000',
      data: { partnerId: 'partner-1', kind: 'ethnocultural_association', district: null, status: 'active' },
    });
    const published = JSON.stringify(events);
    expect(published).not.toContain('Уйгурский');
    expect(published).not.toContain('contactPerson');
    expect(published).not.toContain(sealed.ct);
  });

  it('a new contact person or new names alone publish nothing', () => {
    const { state } = registerPartner(association, contextAt('2026-03-01'));
    const { state: next, events } = updatePartner(
      state,
      { contactPerson: { ...sealed, ct: 'bmV3' }, names: { kk: 'Жаңа атау', ru: 'Новое название' } },
      contextAt('2026-03-02'),
    );
    expect(events).toEqual([]);
    expect(next.contactPerson?.ct).toBe('bmV3');
    expect(next.names.ru).toBe('Новое название');
  });

  it('a move to another region publishes partner.updated and drops the old district', () => {
    const { state } = registerPartner(
      { ...association, kind: 'district_assembly', communities: [], district: '193600000' },
      contextAt('2026-03-01'),
    );
    const { state: next, events } = updatePartner(state, { region: '310000000' }, contextAt('2026-03-02'));
    expect(next.district).toBeNull();
    expect(events[0]).toMatchObject({
      type: 'partner.updated.v1',
      region: '310000000',
      data: { region: '310000000', district: null },
    });
  });
});
