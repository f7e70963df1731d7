import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StreetExport, StreetImportResult, StreetIssue } from '../../../../../contracts/street';
import { Card } from '../../../../components/Card';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { openDocument, pickSpreadsheet, type PickedFile } from '../../../../services/files';
import { uploadImage } from '../../../../services/upload';
import { confirm, toast } from '../../../../utils/confirm';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { ROUTES } from '../../types';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

const MAX_BYTES = 2 * 1024 * 1024;

function Issues({ title, items, tone }: { title: string; items: StreetIssue[]; tone: 'error' | 'warn' }) {
  if (items.length === 0) return null;
  return (
    <Card title={`${title}（${items.length}）`}>
      {items.slice(0, 100).map((i, n) => (
        <Text key={`${n}-${i.text}`} className={tone === 'error' ? 'lxq-staff__error' : 'lxq-staff__warn'} data-testid={tone === 'error' ? 'import-error' : 'import-warning'}>
          {i.text}
        </Text>
      ))}
      {items.length > 100 ? <Text className="lxq-staff__muted">还有 {items.length - 100} 条未列出</Text> : null}
    </Card>
  );
}

/** 导入街道: the network from the clerk's spreadsheet — check first, then import; every problem by sheet and row. */
export default function StreetImport() {
  const me = useStaffMe();
  useListLifecycle(me.reload);
  const call = useSubmit();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [fileId, setFileId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<StreetImportResult | null>(null);

  const check = async (id: string) => {
    const env = await call.send<StreetImportResult>('street', { action: 'importStreet', fileId: id, dryRun: true });
    if (env?.ok) setResult(env.data);
  };

  const choose = async () => {
    if (call.busy() || uploading) return;
    const picked = await pickSpreadsheet();
    if (!picked) return;
    setResult(null);
    setFileId(null);
    if (!/\.xlsx$/i.test(picked.name)) return call.setError('请选择 .xlsx 格式的表格（可用模板填写后另存为 .xlsx）');
    if (picked.size > MAX_BYTES) return call.setError('表格文件不能超过 2 MB');
    setFile(picked);
    call.setError(null);
    setUploading(true);
    try {
      const id = await uploadImage({ preview: '', source: picked.source, ext: 'xlsx' }, `street/import-${Date.now()}.xlsx`);
      setFileId(id);
      setUploading(false);
      await check(id);
    } catch {
      setUploading(false);
      call.setError('上传失败，请检查网络后重试');
    }
  };

  const runImport = async () => {
    if (!fileId || !result || result.errors.length > 0) return;
    const ok = await confirm('导入街道数据？', `${result.summary.replace(/^检查通过：/, '')}。按编码新增或更新，表格里没有的记录不会删除。`, '导入');
    if (!ok) return;
    const env = await call.send<StreetImportResult>('street', { action: 'importStreet', fileId });
    if (!env?.ok) return;
    setResult(env.data);
    if (env.data.imported) toast('已导入', true);
  };

  const download = async () => {
    const env = await call.send<StreetExport>('street', { action: 'exportStreet' });
    if (!env?.ok) return;
    try {
      await openDocument(env.data.url, env.data.blank ? '街道导入模板.xlsx' : '街道网络.xlsx');
    } catch {
      call.setError('文件已生成，但无法打开；可稍后重试');
    }
  };

  const busy = call.sending || uploading;
  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Card title="从表格导入街道网络">
            <Text className="lxq-staff__muted">
              社区和村、代表之家与站点（及各自覆盖的社区）、代表名册、诉求类别都在一个 .xlsx 表格里。先“检查”，没有问题再“导入”；任何一行有问题都不会写入。再次导入按编码更新，不会删除表格里没有的记录。
            </Text>
            <View className="lxq-staff__buttons">
              <Btn tone="ghost" size="small" disabled={busy} onClick={download} testId="download-template">
                下载模板 / 当前数据
              </Btn>
            </View>
          </Card>
          <View className="lxq-actions">
            <Btn tone="primary" disabled={busy} busy={uploading} onClick={choose} testId="choose-file">
              {file ? '重新选择表格' : '选择表格文件（.xlsx）'}
            </Btn>
          </View>
          {file ? (
            <Text className="lxq-staff__muted lxq-flag__intro" data-testid="file-name">
              {file.name}
              {uploading ? ' · 上传中…' : call.sending && !result ? ' · 检查中…' : ''}
            </Text>
          ) : null}
          {call.error ? (
            <Text className="lxq-staff__error lxq-flag__intro" data-testid="street-error">
              {call.error}
            </Text>
          ) : null}
          {result ? (
            <>
              <Card title={result.imported ? '导入完成' : result.errors.length > 0 ? '发现问题，未导入' : '检查通过'}>
                <Text className="lxq-staff__muted" data-testid="import-summary">
                  {result.summary}
                </Text>
              </Card>
              <Issues title="问题" items={result.errors} tone="error" />
              <Issues title="提醒" items={result.warnings} tone="warn" />
              {!result.imported && result.errors.length === 0 ? (
                <View className="lxq-actions">
                  <Btn tone="primary" disabled={busy} busy={call.sending} onClick={runImport} testId="run-import">
                    确认导入
                  </Btn>
                </View>
              ) : null}
            </>
          ) : null}
          <View className="lxq-actions">
            <Btn tone="ghost" onClick={() => Taro.navigateTo({ url: `${ROUTES.history}?type=street&id=network&no=${encodeURIComponent('街道网络')}` })}>
              导入记录
            </Btn>
          </View>
        </>
      )}
    </StaffGate>
  );
}
