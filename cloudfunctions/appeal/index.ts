import * as resident from '../_capabilities/appeals/useCases/resident';
import { closeUnrated } from '../_capabilities/appeals/useCases/timers';
import { serve } from '../_platform/handler';

/** 民生诉求, the resident's side (contracts/appeal.manifest.ts); timer: close unrated appeals. */
export const actions = {
  submit: resident.submit,
  mine: resident.mine,
  detail: resident.detail,
  rate: resident.rate,
  wall: resident.wall,
  wallPreview: resident.wallPreview,
  publish: resident.publish,
};

export const main = serve('appeal', actions, { timers: { closeUnrated } });
