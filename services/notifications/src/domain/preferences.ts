// A member's own choices (issue 23): the language of their alerts and the channels they want.
// They apply on top of every membership an administrator gave them; a system's webhook is the
// administrator's to set and stays as it is.
import type { Group, Member, MemberLanguage } from './groups.ts';

export type MemberPreferences = {
  readonly language: MemberLanguage;
  readonly channels: { readonly inbox: boolean; readonly email: boolean };
  readonly timeZone: string | null;
};

/** The member as alerting and delivery see them: their preferences, where they set any. */
export function withPreferences(member: Member, preferences: MemberPreferences | undefined): Member {
  if (!preferences) return member;
  return {
    ...member,
    language: preferences.language,
    inbox: preferences.channels.inbox,
    email: preferences.channels.email,
    timeZone: preferences.timeZone,
  };
}

export function groupWithPreferences<G extends Group>(
  group: G,
  preferences: ReadonlyMap<string, MemberPreferences>,
): G {
  return { ...group, members: group.members.map((m) => withPreferences(m, preferences.get(m.userId))) };
}
