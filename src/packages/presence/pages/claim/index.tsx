import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';
import type { ClaimResult } from '../../../../../contracts/presence';
import { claimInput } from '../../../../../contracts/presence';
import { parseInput } from '../../../../../contracts/validation';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { DraftNote } from '../../../../components/DraftNote';
import { TextField } from '../../../../components/Field/TextField';
import { Page } from '../../../../components/Page';
import { SubmitBar } from '../../../../components/SubmitBar';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import { fieldReason } from '../../../../utils/validation';
import '../../../../styles/presence.css';

const DETAIL = '/pages/appeal-detail/index';
const EMPTY = { trackingNo: '', phoneTail: '' };

/** A resident takes over an appeal a deputy or staff filed for them (到站/电话/走访). */
export default function Claim() {
  const draft = useDraft('lxq.draft.claim', EMPTY, (v) => !v.trackingNo.trim() && !v.phoneTail.trim());
  const { sending, error, setError, busy, send } = useSubmit();
  const [done, setDone] = useState<ClaimResult | null>(null);

  const submit = async () => {
    if (busy()) return;
    const event = { action: 'claim' as const, trackingNo: draft.value.trackingNo.replace(/\s/g, ''), phoneTail: draft.value.phoneTail.trim() };
    const r = parseInput(claimInput, event);
    if (!r.ok) {
      setError(fieldReason(r));
      return;
    }
    const env = await send('presence', event);
    if (env?.ok) {
      draft.clear();
      setDone(env.data);
    }
  };

  return (
    <Page>
      <Card>
        <Text className="lxq-presence__line">您到站点、打电话或代表走访时反映的事，代表或工作人员已帮您录入。</Text>
        <Text className="lxq-presence__meta">填写他们告诉您的诉求编号和您留下的手机号后四位，就能在「我的诉求」里查看进度和评价。</Text>
      </Card>
      {draft.restored ? <DraftNote onDiscard={() => draft.clear()} /> : null}
      {done ? (
        <>
          <Text className="lxq-presence__ok" data-testid="claim-done">
            认领成功：{done.trackingNo}
          </Text>
          <Btn tone="primary" block onClick={() => Taro.redirectTo({ url: `${DETAIL}?id=${done._id}` })} testId="claim-open">
            查看办理进度
          </Btn>
        </>
      ) : (
        <>
          <TextField label="诉求编号" required hint="例如 20261128-04217" testId="field-tracking" value={draft.value.trackingNo} maxlength={20} placeholder="代表告诉您的编号" sending={sending} onInput={(e) => draft.set({ trackingNo: e.detail.value })} inputTestId="claim-tracking" />
          <TextField label="手机号后四位" required type="digit" testId="field-tail" value={draft.value.phoneTail} maxlength={4} placeholder="录入时留下的手机号" sending={sending} onInput={(e) => draft.set({ phoneTail: e.detail.value })} inputTestId="claim-tail" />
          <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void submit()} testId="claim-submit">
            认领
          </SubmitBar>
        </>
      )}
    </Page>
  );
}
