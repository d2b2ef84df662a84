import { describe, expect, it } from 'vitest';
import { registerMediator, updateMediator } from './mediator.ts';
import { contextAt, givenMediator } from './test-given.ts';

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
    const { state, events } = updateMediator(givenMediator(), { languages: ['kk'] }, contextAt('2025-03-02'));
    expect(state.languages).toEqual(['kk']);
    expect(events[0]).toMatchObject({
      type: 'mediator.updated.v1',
      data: { languages: ['kk'], status: 'active' },
    });
  });

  it('an edit of the person alone publishes nothing', () => {
    const newPerson = { name: { ...person.name, ct: 'bmV3' }, contacts: null };
    const { state, events } = updateMediator(givenMediator(), { person: newPerson }, contextAt('2025-03-02'));
    expect(state.person).toEqual(newPerson);
    expect(events).toEqual([]);
  });

  it('moving the home region keeps it among the covered regions', () => {
    const { state } = updateMediator(givenMediator(), { homeRegion: '710000000' }, contextAt('2025-03-02'));
    expect(state.regions).toEqual(['710000000', '750000000']);
  });
});
