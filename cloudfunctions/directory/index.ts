import { publicSummary } from '../_capabilities/pulse/publicSummary';
import * as street from '../_capabilities/street/directory';
import { serve } from '../_platform/handler';

/** The street's directory: communities, stations, active deputies (public fields), categories; the public 晴雨表 line. */
export const actions = {
  communities: street.communities,
  stations: street.stations,
  deputies: street.deputies,
  categories: street.categories,
  contact: street.contact,
  publicSummary,
};

export const main = serve('directory', actions);
