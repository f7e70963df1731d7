// Type-only guard: every platform file must match its default's exports (never bundled).
// Identity has no weapp file: the default (no dev identity) is what weapp builds use.
import type * as Cloud from './cloud';
import type * as CloudWeapp from './cloud.weapp';
import type * as CloudH5 from './cloud.h5';
import type * as Identity from './identity';
import type * as IdentityH5 from './identity.h5';
import type * as Upload from './upload';
import type * as UploadWeapp from './upload.weapp';
import type * as UploadH5 from './upload.h5';
import type * as Subscribe from './subscribe';
import type * as SubscribeWeapp from './subscribe.weapp';
import type * as SubscribeH5 from './subscribe.h5';
import type * as Files from './files';
import type * as FilesWeapp from './files.weapp';
import type * as FilesH5 from './files.h5';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;
type Expect<T extends true> = T;

export type _PlatformChecks = [
  Expect<Same<keyof typeof Cloud, keyof typeof CloudWeapp>>,
  Expect<Same<keyof typeof Cloud, keyof typeof CloudH5>>,
  Expect<Same<keyof typeof Identity, keyof typeof IdentityH5>>,
  Expect<Same<keyof typeof Upload, keyof typeof UploadWeapp>>,
  Expect<Same<keyof typeof Upload, keyof typeof UploadH5>>,
  Expect<Same<keyof typeof Subscribe, keyof typeof SubscribeWeapp>>,
  Expect<Same<keyof typeof Subscribe, keyof typeof SubscribeH5>>,
  Expect<Fits<typeof CloudWeapp, typeof Cloud>>,
  Expect<Fits<typeof CloudH5, typeof Cloud>>,
  Expect<Fits<typeof IdentityH5, typeof Identity>>,
  Expect<Fits<typeof UploadWeapp, typeof Upload>>,
  Expect<Fits<typeof UploadH5, typeof Upload>>,
  Expect<Fits<typeof SubscribeWeapp, typeof Subscribe>>,
  Expect<Fits<typeof SubscribeH5, typeof Subscribe>>,
  Expect<Same<keyof typeof Files, keyof typeof FilesWeapp>>,
  Expect<Same<keyof typeof Files, keyof typeof FilesH5>>,
  Expect<Fits<typeof FilesWeapp, typeof Files>>,
  Expect<Fits<typeof FilesH5, typeof Files>>,
];
