/** The demo identity provider's users: sign in as either (the password is the user name). */
export interface DemoUser {
  readonly sub: string;
  readonly username: string;
  readonly name: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
}

export const demoUsers: readonly DemoUser[] = [
  { sub: 'u-alice-0001', username: 'alice', name: 'Alice Walker', givenName: 'Alice', familyName: 'Walker', email: 'alice@fernhill.example' },
  { sub: 'u-bob-0002', username: 'bob', name: 'Bob Rivers', givenName: 'Bob', familyName: 'Rivers', email: 'bob@fernhill.example' },
];
