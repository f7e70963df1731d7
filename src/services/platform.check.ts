// Type-only guard: every platform file must match its default's exports (never bundled).
// Identity and display have no weapp file: the default is what weapp builds use.
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
import type * as Display from './display';
import type * as DisplayH5 from './display.h5';
import type * as Voice from './voice';
import type * as VoiceWeapp from './voice.weapp';
import type * as VoiceH5 from './voice.h5';

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
  Expect<Same<keyof typeof Display, keyof typeof DisplayH5>>,
  Expect<Fits<typeof DisplayH5, typeof Display>>,
  Expect<Same<keyof typeof Voice, keyof typeof VoiceWeapp>>,
  Expect<Same<keyof typeof Voice, keyof typeof VoiceH5>>,
  Expect<Fits<typeof VoiceWeapp, typeof Voice>>,
  Expect<Fits<typeof VoiceH5, typeof Voice>>,
];
