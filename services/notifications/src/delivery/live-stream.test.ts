import { describe, expect, it } from 'vitest';
import type { StoredAlert } from '../store/alerts-store.ts';
import { LiveFeed } from './live-stream.ts';

const alertIn = (groupId: string) => ({ groupId, alertId: `al-${groupId}` }) as StoredAlert;

describe('the live feed', () => {
  it('pushes a new alert to the listeners of its group only, until they leave', () => {
    const feed = new LiveFeed();
    const seen: string[] = [];
    const leave = feed.subscribe(['grp-a'], (alert) => seen.push(alert.alertId));
    feed.subscribe(['grp-b'], () => seen.push('wrong group'));
    feed.publish(alertIn('grp-a'));
    leave();
    feed.publish(alertIn('grp-a'));
    expect(seen).toEqual(['al-grp-a']);
    expect(feed.connectionCount()).toBe(1);
  });

  it('a listener that throws does not keep the alert from the others', () => {
    const feed = new LiveFeed();
    const seen: string[] = [];
    feed.subscribe(['grp-a'], () => {
      throw new Error('connection gone');
    });
    feed.subscribe(['grp-a'], (alert) => seen.push(alert.alertId));
    feed.publish(alertIn('grp-a'));
    expect(seen).toEqual(['al-grp-a']);
  });
});
