// Type-only guard: every platform file must match its default's exports (never bundled).
import type * as Cloud from './cloud';
import type * as CloudWeapp from './cloud.weapp';
import type * as CloudH5 from './cloud.h5';
import type * as Identity from './identity';
import type * as IdentityWeapp from './identity.weapp';
import type * as IdentityH5 from './identity.h5';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;
type Expect<T extends true> = T;

export type _PlatformChecks = [
  Expect<Same<keyof typeof Cloud, keyof typeof CloudWeapp>>,
  Expect<Same<keyof typeof Cloud, keyof typeof CloudH5>>,
  Expect<Same<keyof typeof Identity, keyof typeof IdentityWeapp>>,
  Expect<Same<keyof typeof Identity, keyof typeof IdentityH5>>,
  Expect<Fits<typeof CloudWeapp, typeof Cloud>>,
  Expect<Fits<typeof CloudH5, typeof Cloud>>,
  Expect<Fits<typeof IdentityWeapp, typeof Identity>>,
  Expect<Fits<typeof IdentityH5, typeof Identity>>,
];
