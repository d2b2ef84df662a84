import { describe, expect, it } from 'vitest';
import { type RegisterMediator, registerMediator, updateMediator } from './mediator.ts';
import { contextAt, givenMediator } from './test-given.ts';
import type { AssemblyRecord } from './volunteer-assembly.ts';

const person = givenMediator().person;

describe('mediator registry', () => {
  it('registering publishes the full profile for eligibility, with the home region always covered', () => {
    const { state, events } = registerMediator(
      {
        mediatorId: 'med-9',
        userId: 'user-9',
        person,
        nameHash: 'h',
        homeRegion: '750000000',
        regions: ['710000000'],
        languages: ['ru', 'kk', 'ru'],
        specialisations: ['labour'],
        status: 'active',
        assembly: null,
      },
      contextAt('2025-03-01'),
    );
    expect(state.regions).toEqual(['710000000', '750000000']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'mediator.registered.v1',
      subject: 'med-9',
      region: '750000000',
      data: {
        mediatorId: 'med-9',
        userId: 'user-9',
        regions: ['710000000', '750000000'],
        languages: ['kk', 'ru'],
      },
    });
    expect(JSON.stringify(events)).not.toContain('person');
  });

  it('a change of languages publishes mediator.updated with the whole profile', () => {
    const { state, events } = updateMediator(
      givenMediator(),
      { languages: ['kk'], assembly: null },
      contextAt('2025-03-02'),
    );
    expect(state.languages).toEqual(['kk']);
    expect(events[0]).toMatchObject({
      type: 'mediator.updated.v1',
      data: { languages: ['kk'], status: 'active' },
    });
  });

  it('an edit of the person alone publishes nothing', () => {
    const newPerson = { name: { ...person.name, ct: 'bmV3' }, contacts: null };
    const { state, events } = updateMediator(
      givenMediator(),
      { person: newPerson, assembly: null },
      contextAt('2025-03-02'),
    );
    expect(state.person).toEqual(newPerson);
    expect(events).toEqual([]);
  });

  it('moving the home region keeps it among the covered regions', () => {
    const { state } = updateMediator(
      givenMediator(),
      { homeRegion: '710000000', assembly: null },
      contextAt('2025-03-02'),
    );
    expect(state.regions).toEqual(['710000000', '750000000']);
  });
});

describe("a volunteer's youth or student assembly (issue 27)", () => {
  const youth: AssemblyRecord = { kind: 'youth_assembly', status: 'active' };
  const volunteer = (partnerId: string | null, assembly: AssemblyRecord): RegisterMediator => ({
    mediatorId: 'vol-1',
    userId: 'user-vol-1',
    person,
    nameHash: 'h',
    homeRegion: '750000000',
    regions: [],
    languages: ['kk'],
    specialisations: [],
    status: 'active',
    kind: 'volunteer',
    partnerId,
    assembly,
  });
  const refusal = (decide: () => unknown) => {
    try {
      decide();
    } catch (error) {
      return error as { code: string; extensions: { field: string; partnerKind?: string } };
    }
    throw new Error('it was not refused');
  };

  it('a volunteer of a youth or a student assembly is registered, the assembly published with the kind', () => {
    const { events } = registerMediator(volunteer('youth-1', youth), contextAt('2025-03-01'));
    expect(events[0]?.data).toMatchObject({ kind: 'volunteer', partnerId: 'youth-1' });
    const student = registerMediator(
      volunteer('student-1', { kind: 'student_assembly', status: 'active' }),
      contextAt('2025-03-01'),
    );
    expect(student.state).toMatchObject({ kind: 'volunteer', partnerId: 'student-1' });
  });

  it('when the partner is a council of elders or a house of friendship, the refusal names partnerId', () => {
    for (const kind of ['council_of_elders', 'house_of_friendship'] as const) {
      const refused = refusal(() =>
        registerMediator(volunteer('p-1', { kind, status: 'active' }), contextAt('2025-03-01')),
      );
      expect(refused).toMatchObject({
        code: 'mediator.assembly_not_youth_or_student',
        extensions: { field: 'partnerId', partnerKind: kind },
      });
    }
  });

  it('when no assembly is named, or the directory holds no active partner by that id, it is refused', () => {
    expect(refusal(() => registerMediator(volunteer(null, null), contextAt('2025-03-01')))).toMatchObject({
      code: 'mediator.volunteer_without_assembly',
      extensions: { field: 'partnerId' },
    });
    expect(refusal(() => registerMediator(volunteer('gone', null), contextAt('2025-03-01'))).code).toBe(
      'mediator.assembly_unknown',
    );
    const closed: AssemblyRecord = { kind: 'youth_assembly', status: 'inactive' };
    expect(refusal(() => registerMediator(volunteer('closed', closed), contextAt('2025-03-01'))).code).toBe(
      'mediator.assembly_unknown',
    );
  });

  it('a certified mediator names no assembly', () => {
    const certified = { ...volunteer('youth-1', youth), kind: 'certified' as const };
    expect(refusal(() => registerMediator(certified, contextAt('2025-03-01')))).toMatchObject({
      code: 'mediator.assembly_for_volunteers_only',
      extensions: { field: 'partnerId' },
    });
  });

  it('an edit that makes a mediator a volunteer, or changes the assembly, checks the assembly', () => {
    const refused = refusal(() =>
      updateMediator(
        givenMediator(),
        {
          kind: 'volunteer',
          partnerId: 'elders-1',
          assembly: { kind: 'council_of_elders', status: 'active' },
        },
        contextAt('2025-03-02'),
      ),
    );
    expect(refused).toMatchObject({ code: 'mediator.assembly_not_youth_or_student' });
    const { state } = updateMediator(
      givenMediator(),
      { kind: 'volunteer', partnerId: 'youth-1', assembly: youth },
      contextAt('2025-03-02'),
    );
    expect(state).toMatchObject({ kind: 'volunteer', partnerId: 'youth-1' });
  });

  it('a volunteer who becomes certified leaves the assembly; an edit of languages does not re-check it', () => {
    const member = givenMediator({ kind: 'volunteer', partnerId: 'youth-1' });
    const certified = updateMediator(member, { kind: 'certified', assembly: null }, contextAt('2025-03-02'));
    expect(certified.state).toMatchObject({ kind: 'certified', partnerId: null });
    // The assembly has closed since the volunteer joined: their languages can still be edited.
    const edited = updateMediator(member, { languages: ['ru'], assembly: null }, contextAt('2025-03-02'));
    expect(edited.state).toMatchObject({ kind: 'volunteer', partnerId: 'youth-1', languages: ['ru'] });
  });
});
