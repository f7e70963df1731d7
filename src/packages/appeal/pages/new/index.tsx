import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import { DraftNote } from '../../../../components/DraftNote';
import { Page } from '../../../../components/Page';
import { APPEAL_CONTENT_MAX, APPEAL_CONTENT_MIN, APPEAL_MAX_IMAGES, type SubmitResult } from '../../../../../contracts/appeal';
import { AsyncView } from '../../../../components/AsyncView';
import { Chips } from '../../../../components/Chips';
import { ErrorRetry } from '../../../../components/ErrorRetry';
import { Field } from '../../../../components/Field';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { callCloud } from '../../../../services/cloud';
import { isWeapp } from '../../../../services/platform';
import { subscribeTo } from '../../../../services/subscriptions';
import type { WhoAmI } from '../../../../services/types';
import { imageSrc, pickImages, uploadImage } from '../../../../services/upload';
import { charCount, spacedTrackingNo } from '../../../../utils/format';
import { newRequestId } from '../../../../utils/storage';
import {
  clearDraft,
  emptyDraft,
  hasContent,
  loadDraft,
  rememberCommunity,
  rememberedCommunity,
  saveDraft,
  validateDraft,
  type Draft,
  type FormErrors,
} from './draft';
import { Btn } from '../../../../components/Btn';
import { PhoneLink } from '../../../../components/Phone';
import { deadlineWords } from '../../../../../domain/appeals/deadlineWords';
import { now } from '../../../../services/clock';
import { SimilarCases } from '../../components/SimilarCases';
import { VoiceInput } from './VoiceInput';
import { ChosenByCode, usePreference } from './ChosenByCode';
import type { StreetContact } from '../../../../../contracts/directory';
import './index.css';

const DETAIL = '/pages/appeal-detail/index';
const NETWORK_HINT = '网络不太好，诉求可能还没有提交成功。填写的内容已保存，请再点一次「提交诉求」，不会重复提交。';

function Success({ result, onAnother }: { result: SubmitResult; onAnother: () => void }) {
  const copy = () => {
    void Taro.setClipboardData({ data: result.trackingNo }).catch(() => undefined);
  };
  return (
    <View className="lxq-submitted" data-testid="submit-success">
      <Text className="lxq-submitted__title">诉求已提交</Text>
      <Text className="lxq-submitted__label">您的诉求编号</Text>
      <Text className="lxq-submitted__tracking-no" data-testid="tracking-no" onClick={copy}>
        {spacedTrackingNo(result.trackingNo)}
      </Text>
      <Text className="lxq-submitted__tip">请记下这个编号，打电话或到联络站询问进度时报这个编号即可（点编号可复制）。</Text>
      <View className="lxq-submitted__box">
        <Text className="lxq-submitted__status">当前状态：{result.statusLabel}</Text>
        {result.assignee ? <Text className="lxq-submitted__line">办理代表：{result.assignee.name} 代表</Text> : null}
        {result.routeReason ? <Text className="lxq-submitted__line">{result.routeReason}</Text> : null}
        {result.deadline ? <Text className="lxq-submitted__line" data-testid="submitted-deadline">{deadlineWords(result.deadline, 'resident', now()).text}，逾期街道会督办。</Text> : null}
        <Text className="lxq-submitted__line">有新进展时，会在「我的 → 消息」里通知您。</Text>
      </View>
      <Btn tone="primary" block onClick={() => Taro.redirectTo({ url: `${DETAIL}?id=${result._id}` })}>
        查看办理进度
      </Btn>
      <View className="lxq-actions lxq-submitted__more">
        <Btn tone="ghost" onClick={onAnother}>
          再反映一件事
        </Btn>
        <Btn tone="ghost" onClick={() => Taro.switchTab({ url: '/pages/appeals/index' })}>
          我的诉求
        </Btn>
      </View>
    </View>
  );
}

export default function AppealNew() {
  const [draft, setDraft] = useState<Draft>(() => loadDraft() ?? emptyDraft());
  const [showRestored, setShowRestored] = useState(() => hasContent(draft));
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [uploading, setUploading] = useState<{ key: string; preview: string }[]>([]);
  const [phoneCode, setPhoneCode] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<SubmitResult | null>(null);
  // The daily limit: no retry today; say what to do instead and offer the street's number.
  const [limited, setLimited] = useState(false);
  const [streetPhone, setStreetPhone] = useState('');
  const previews = useRef(new Map<string, string>());
  const busy = useRef(false);

  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const dir = useDirectory();
  const [prefer, clearPrefer] = usePreference();

  // Keep the draft in storage (debounced), and write the last state when leaving the page.
  const latest = useRef(draft);
  latest.current = draft;
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    // Checked again when the timer fires: a submit that succeeded meanwhile has cleared the draft.
    const t = setTimeout(() => {
      if (!done.current) saveDraft(draft);
    }, 300);
    return () => clearTimeout(t);
  }, [draft]);
  useEffect(
    () => () => {
      if (!done.current) saveDraft(latest.current);
    },
    [],
  );

  // Default community: the one used last time, else the resident's own.
  useEffect(() => {
    if (draft.communityId) return;
    const id = rememberedCommunity() || me.data?.communityId || '';
    if (id) setDraft((d) => (d.communityId ? d : { ...d, communityId: id }));
  }, [me.data, draft.communityId]);

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as keyof FormErrors];
      if ('contactName' in patch || 'contactPhone' in patch || 'anonymous' in patch) {
        delete next.contactName;
        delete next.contactPhone;
      }
      return next;
    });
  };

  const room = APPEAL_MAX_IMAGES - draft.images.length - uploading.length;

  const addPhotos = async () => {
    // Photos go into the resident's own storage folder: the server accepts no one else's.
    const dir = me.data?.uploadDir;
    if (!dir) return void Taro.showToast({ title: '正在加载，请稍后再添加照片', icon: 'none' });
    const picked = await pickImages(room);
    if (picked.length === 0) return;
    const batch = picked.map((p, i) => ({ key: `${Date.now()}-${i}`, preview: p.preview, image: p }));
    setUploading((u) => [...u, ...batch.map(({ key, preview }) => ({ key, preview }))]);
    let failed = 0;
    await Promise.all(
      batch.map(async ({ key, image }) => {
        try {
          const fileId = await uploadImage(image, `${dir}/appeals/${draft.requestId}/${key}.${image.ext}`);
          previews.current.set(fileId, image.preview);
          setDraft((d) => (d.images.length >= APPEAL_MAX_IMAGES ? d : { ...d, images: [...d.images, fileId] }));
        } catch {
          failed += 1;
        } finally {
          setUploading((u) => u.filter((x) => x.key !== key));
        }
      }),
    );
    if (failed > 0) void Taro.showToast({ title: `${failed} 张照片没传上去，请重试`, icon: 'none' });
  };

  const removePhoto = (fileId: string) => update({ images: draft.images.filter((x) => x !== fileId) });

  const pickLocation = async () => {
    try {
      const loc = await Taro.chooseLocation({});
      update({ location: { latitude: loc.latitude, longitude: loc.longitude, ...(loc.name || loc.address ? { name: (loc.name || loc.address).slice(0, 100) } : {}) } });
    } catch {
      // cancelled or not authorised: location stays optional
    }
  };

  const submit = async () => {
    if (busy.current || uploading.length > 0) return;
    const check = validateDraft(draft, phoneCode);
    if (!check.ok) {
      setErrors(check.errors);
      const first = Object.values(check.errors)[0];
      void Taro.showToast({ title: first ?? '请检查填写的内容', icon: 'none' });
      return;
    }
    busy.current = true;
    saveDraft(draft); // whatever happens to the request, what was typed is kept
    setSubmitting(true);
    setSubmitError(null);
    // WeChat only shows the reminder dialog right after a tap: ask before anything else is awaited.
    await subscribeTo(['appealStatus']).catch(() => undefined);
    const env = await callCloud<SubmitResult>('appeal', prefer ? { ...check.event, prefer } : check.event);
    busy.current = false;
    setSubmitting(false);
    if (env.ok) {
      done.current = true;
      clearDraft();
      rememberCommunity(draft.communityId);
      setResult(env.data);
      void Taro.showToast({ title: '提交成功', icon: 'success' });
      return;
    }
    const { code, message } = env.error;
    if (code === 'CONTENT_REJECTED') {
      // That request is settled as rejected on the server: a corrected text needs a new request id.
      setDraft((d) => ({ ...d, requestId: newRequestId() }));
      setErrors({ content: message });
    }
    if (code === 'INVALID_ARGUMENT' && /手机号/.test(message)) setPhoneCode(undefined);
    if (code === 'RATE_LIMITED') {
      setLimited(true);
      void callCloud<StreetContact>('directory', { action: 'contact' }, { retries: 1 }).then((c) => c.ok && setStreetPhone(c.data.phone));
    }
    setSubmitError(code === 'NETWORK' ? NETWORK_HINT : message);
  };

  const another = () => {
    done.current = false;
    previews.current.clear();
    setPhoneCode(undefined);
    setResult(null);
    setErrors({});
    setSubmitError(null);
    setShowRestored(false);
    setDraft({ ...emptyDraft(), communityId: draft.communityId });
  };

  const discard = () => {
    clearDraft();
    previews.current.clear();
    setShowRestored(false);
    setErrors({});
    setDraft({ ...emptyDraft(), communityId: draft.communityId });
  };

  if (result) {
    return (
      <Page>
        <Success result={result} onAnother={another} />
      </Page>
    );
  }

  const count = charCount(draft.content);

  return (
    <Page className="lxq-appeal-new">
      {prefer ? <ChosenByCode pref={prefer} onClear={clearPrefer} /> : null}
      {showRestored ? <DraftNote onDiscard={discard} /> : null}

      <AsyncView data={dir.directory ?? undefined} error={dir.error ? { message: dir.error } : null} loading={!dir.directory && !dir.error} onRetry={dir.retry}>
        {(directory) => {
          const communityIndex = directory.communities.findIndex((c) => c._id === draft.communityId);
          return (
            <>
              <Field label="诉求类别" required error={errors.category} testId="field-category">
                <Chips
                  options={directory.categories.map((c) => ({ value: c._id, label: c.name }))}
                  value={draft.category}
                  onChange={(category) => update({ category })}
                  disabled={(submitting) || undefined}
                />
              </Field>

              <Field label="所在社区或村" required error={errors.communityId} hint="诉求会转给负责这个社区的人大代表。" testId="field-community">
                <Picker
                  mode="selector"
                  range={directory.communities.map((c) => c.name)}
                  value={communityIndex >= 0 ? communityIndex : 0}
                  onChange={(e) => {
                    const c = directory.communities[Number(e.detail.value)];
                    if (c) update({ communityId: c._id });
                  }}
                  disabled={(submitting) || undefined}
                >
                  <View className="lxq-picker">
                    <Text className={communityIndex >= 0 ? '' : 'lxq-muted'}>
                      {communityIndex >= 0 ? directory.communities[communityIndex].name : '请选择'}
                    </Text>
                    <Text className="lxq-appeal-new__arrow">更换 ›</Text>
                  </View>
                </Picker>
              </Field>
            </>
          );
        }}
      </AsyncView>

      <Field
        label="遇到了什么问题"
        required
        error={errors.content}
        extra={
          <Text className={count < APPEAL_CONTENT_MIN || count > APPEAL_CONTENT_MAX ? 'lxq-appeal-new__count lxq-appeal-new__count--low' : 'lxq-appeal-new__count'} data-testid="content-count">
            {count}/{APPEAL_CONTENT_MAX}
          </Text>
        }
        hint={count < APPEAL_CONTENT_MIN ? `请至少写 ${APPEAL_CONTENT_MIN} 个字：什么地方、什么问题、持续多久了。` : undefined}
        testId="field-content"
      >
        <Textarea
          className="lxq-textarea"
          value={draft.content}
          maxlength={APPEAL_CONTENT_MAX}
          placeholder="例如：青石路 88 号小区门口的路灯坏了两个星期，晚上出行不安全。"
          autoHeight
          disabled={(submitting) || undefined}
          onInput={(e) => update({ content: e.detail.value })}
        />
        <VoiceInput value={draft.content} disabled={submitting} onChange={(content) => update({ content })} />
      </Field>
      <SimilarCases communityId={draft.communityId} category={draft.category} content={draft.content} />

      <Field label={`照片（选填，最多 ${APPEAL_MAX_IMAGES} 张）`} error={errors.images} testId="field-images">
        <View className="lxq-appeal-new__photos">
          {draft.images.map((id) => (
            <View key={id} className="lxq-appeal-new__photo">
              <Image className="lxq-appeal-new__img" src={previews.current.get(id) ?? imageSrc(id)} mode="aspectFill" />
              {!submitting ? (
                <Text className="lxq-appeal-new__remove" onClick={() => removePhoto(id)}>
                  ×
                </Text>
              ) : null}
            </View>
          ))}
          {uploading.map((u) => (
            <View key={u.key} className="lxq-appeal-new__photo">
              <Image className="lxq-appeal-new__img lxq-appeal-new__img--busy" src={u.preview} mode="aspectFill" />
              <Text className="lxq-appeal-new__busy">上传中</Text>
            </View>
          ))}
          {room > 0 && !submitting ? (
            <View className="lxq-appeal-new__add" onClick={addPhotos} data-testid="add-photo">
              <Text className="lxq-appeal-new__plus">+</Text>
              <Text className="lxq-appeal-new__add-text">添加照片</Text>
            </View>
          ) : null}
        </View>
      </Field>

      {isWeapp ? (
        <Field label="问题位置（选填）">
          <View className="lxq-picker" onClick={pickLocation}>
            <Text className={draft.location ? '' : 'lxq-muted'}>{draft.location ? draft.location.name || '已选择位置' : '在地图上选一个位置'}</Text>
            <Text className="lxq-appeal-new__arrow">{draft.location ? '更换 ›' : '选择 ›'}</Text>
          </View>
          {draft.location ? (
            <Text className="lxq-appeal-new__link" onClick={() => update({ location: undefined })}>
              不附带位置
            </Text>
          ) : null}
        </Field>
      ) : null}

      <Field label="匿名反映" extra={<Switch className="lxq-switch" checked={draft.anonymous} color="#b3261e" disabled={(submitting) || undefined} onChange={(e) => update({ anonymous: !!e.detail.value })} />} hint="匿名后代表看不到您的联系方式，也就没法打电话向您了解情况。" testId="field-anonymous">
        <View />
      </Field>

      {!draft.anonymous ? (
        <Field label="联系方式（选填）" error={errors.contactName || errors.contactPhone} hint="只有办理的代表和街道工作人员能看到，方便向您了解情况。" testId="field-contact">
          <Input
            className="lxq-input lxq-appeal-new__input"
            value={draft.contactName}
            placeholder="怎么称呼您，例如：林女士"
            maxlength={20}
            disabled={(submitting) || undefined}
            onInput={(e) => update({ contactName: e.detail.value })}
          />
          {phoneCode ? (
            <View className="lxq-appeal-new__phone-ok">
              <Text>将使用您微信绑定的手机号</Text>
              <Text className="lxq-appeal-new__link" onClick={() => setPhoneCode(undefined)}>
                改为手动填写
              </Text>
            </View>
          ) : (
            <>
              <Input
                className="lxq-input lxq-appeal-new__input"
                type="number"
                value={draft.contactPhone}
                placeholder="手机号（11 位）"
                maxlength={11}
                disabled={(submitting) || undefined}
                onInput={(e) => update({ contactPhone: e.detail.value })}
              />
              {isWeapp ? (
                <Btn tone="ghost" size="small" className="lxq-appeal-new__wechat-phone" openType="getPhoneNumber" onGetPhoneNumber={(e) => {
                    const code = (e.detail as { code?: string }).code;
                    if (code) {
                      setPhoneCode(code);
                      update({ contactPhone: '' });
                    }
                  }}>
                  使用微信绑定的手机号
                </Btn>
              ) : null}
            </>
          )}
        </Field>
      ) : null}

      <Text className="lxq-muted" data-testid="publish-later">办结后，您可以在诉求详情里先看到将要公开的内容，再决定是否公开到回音壁。</Text>

      {submitError ? <ErrorRetry compact message={submitError} /> : null}
      {limited && streetPhone ? (
        <View className="lxq-appeal-new__call" data-testid="limit-call">
          <Text>紧急情况请拨打街道电话：</Text>
          <PhoneLink phone={streetPhone} testId="street-phone" />
        </View>
      ) : null}

      <View className="lxq-appeal-new__submit">
        <Btn tone="primary" block disabled={submitting || uploading.length > 0 || limited} busy={submitting} onClick={submit} testId="submit">
          {submitting ? '正在提交…' : uploading.length > 0 ? '照片上传中…' : limited ? '今天已达上限，明天再提交' : submitError ? '重新提交' : '提交诉求'}
        </Btn>
        <Text className="lxq-appeal-new__foot">{limited ? '填写的内容已保存，明天打开这里就能直接提交。' : '提交后会生成诉求编号，代表受理、答复时都会通知您。'}</Text>
      </View>
    </Page>
  );
}
