import { describe, expect, it } from 'vitest';
import { costliestTable, describePlan, queryShape } from './query-tally.ts';

describe('query shapes', () => {
  it('keeps fields and operators and leaves the values out', () => {
    const filter = {
      $and: [
        { $or: [{ region: '750000000' }] },
        { status: 'registered' },
        { registeredAt: { $lt: '2026-12-01' } },
        { _id: { $in: ['a', 'b', 'c'] } },
      ],
    };
    expect(queryShape(filter)).toEqual({
      $and: [
        { $or: [{ region: '?' }] },
        { status: '?' },
        { registeredAt: { $lt: '?' } },
        { _id: { $in: '?' } },
      ],
    });
    expect(queryShape(new Date())).toBe('?');
    expect(queryShape(new Map([['status', 'outcome']]))).toEqual({ status: '?' });
  });
});

describe('plans', () => {
  it('reads FerretDB’s pushdown flags and PostgreSQL’s plan nodes', () => {
    const answer = {
      queryPlanner: {
        Plan: {
          'Node Type': 'Bitmap Heap Scan',
          Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'cases_status_idx' }],
        },
      },
      filterPushdown: true,
      sortPushdown: false,
    };
    expect(describePlan(answer)).toEqual({
      filterPushdown: true,
      sortPushdown: false,
      plan: 'Bitmap Heap Scan < Bitmap Index Scan (cases_status_idx)',
    });
    expect(
      describePlan({ queryPlanner: { Plan: { 'Node Type': 'Seq Scan' } }, filterPushdown: false }).plan,
    ).toBe('Seq Scan');
  });

  it('reads MongoDB’s winning plan', () => {
    const answer = {
      queryPlanner: {
        winningPlan: {
          stage: 'LIMIT',
          inputStage: { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'status_1' } },
        },
      },
    };
    expect(describePlan(answer)).toEqual({ plan: 'LIMIT < FETCH < IXSCAN (status_1)' });
  });
});

describe('costliest table', () => {
  it('shows each operation’s costliest query per run, its share and how the store answered it', () => {
    const shape = 'find cases {"$and":"?"}';
    const { cells } = costliestTable([
      {
        op: 'list-page',
        runs: 10,
        top: [
          { shape, count: 10, totalMs: 900, maxMs: 120 },
          { shape: 'insert case_audit {}', count: 10, totalMs: 100, maxMs: 20 },
        ],
        explained: { shape, filterPushdown: false, plan: 'Seq Scan' },
      },
      { op: 'registration', runs: 5, top: [], explained: null },
    ]);
    expect(cells[0]).toEqual(['list-page', shape, '1.0', '90.0', '90%', 'filter NOT pushed down, Seq Scan']);
    expect(cells[1]?.[1]).toBe('(no database command)');
  });
});
