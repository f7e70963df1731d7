import * as v from 'valibot';
import type { WhoAmI } from '../../contracts/user';
import { action, defineFunction } from '../_lib/handler';

export const main = defineFunction('user', {
  whoami: action({
    input: v.object({}),
    run: async (_input, { user }): Promise<WhoAmI> => {
      const me: WhoAmI = { openid: user.openid, role: user.role };
      if (user.name) me.name = user.name;
      if (user.role === 'deputy' && user.deputyId) me.deputyId = user.deputyId;
      if (user.communityId) me.communityId = user.communityId;
      return me;
    },
  }),
});
