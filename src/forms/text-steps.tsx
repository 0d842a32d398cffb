import { zodResolver } from '@hookform/resolvers/zod';
import type { ReactNode } from 'react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { SectionNo } from '../model/format';
import { FORMATS } from '../model/formats';
import { gridsOf } from '../model/layout';
import type { Report } from '../model/report';
import { AGENCY_KINDS, OVERVIEW_TOPIC_LABELS } from '../model/report';
import { chineseDate, deadlineOf } from '../rules/deadline';
import { oneLine, overviewHeadings, problemHeadings } from '../render/wording';
import { formatCellInput } from './cell-input';
import { AgencyKindSelect, FieldError, describedBy } from './fields';
import { FindingList } from './finding-list';
import { GridEditor } from './grid-editor';
import type { FeeField, ReportStore } from './report-store';
import { FEE_FIELDS } from './report-store';
import { domIdOf } from './targets';
import { useStoreValue } from './use-store';

/** The narrative steps and the table steps: thin views over the store. */

function Findings({ store, field }: { store: ReportStore; field: string }) {
  const findings = useStoreValue(store, (s) => s.violationsAt(field));
  if (findings.length === 0) return null;
  return <FindingList findings={findings} className="field-findings" />;
}

function TextArea(props: {
  store: ReportStore;
  field: string;
  label: string;
  hint?: ReactNode;
  value: string;
  rows?: number;
  onChange: (text: string) => void;
}) {
  const id = domIdOf(props.field);
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.hint && (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <textarea
        id={id}
        rows={props.rows ?? 6}
        value={props.value}
        aria-describedby={props.hint ? hintId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <Findings store={props.store} field={props.field} />
    </div>
  );
}

const basicSchema = z.object({
  name: z.string().trim().min(1, { error: '请填写机关名称' }),
  kind: z.enum(AGENCY_KINDS),
  publicationDate: z.union([z.literal(''), z.iso.date({ error: '日期应写成 YYYY-MM-DD' })]),
  deadline: z.union([z.literal(''), z.iso.date({ error: '日期应写成 YYYY-MM-DD' })]),
});
type BasicValues = z.infer<typeof basicSchema>;

const DEADLINE_RULE: Readonly<Record<Report['agency']['kind'], string>> = {
  government: '县级以上地方人民政府：次年3月31日前公布（《条例》第四十九条）',
  department: '县级以上人民政府部门：次年1月31日前公布（《条例》第四十九条）',
  other: '其他机关（如乡镇）按本地规定，默认按次年1月31日提醒；可在下方设定本地期限',
};

export function BasicStep({ store }: { store: ReportStore }) {
  const report = useStoreValue(store, (s) => s.report);
  const form = useForm<BasicValues>({
    resolver: zodResolver(basicSchema),
    mode: 'onChange',
    defaultValues: {
      name: report.agency.name,
      kind: report.agency.kind,
      publicationDate: report.publicationDate ?? '',
      deadline: report.deadline ?? '',
    },
  });
  const { errors } = form.formState;
  const { subscribe } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values }) => {
          const parsed = basicSchema.safeParse(values);
          if (!parsed.success) return;
          const v = parsed.data;
          store.update((r) => ({
            ...r,
            agency: { name: v.name, kind: v.kind },
            publicationDate: v.publicationDate || null,
            deadline: v.deadline || null,
          }));
        },
      }),
    [subscribe, store],
  );
  const format = FORMATS[report.format];
  return (
    <section className="step" aria-labelledby="step-basic">
      <h2 id="step-basic">基本信息</h2>
      <div className="field">
        <label htmlFor="f-agency">机关名称</label>
        <input id="f-agency" {...form.register('name')} {...describedBy('f-agency-error', errors.name?.message)} />
        <FieldError id="f-agency-error" message={errors.name?.message} />
      </div>
      <div className="field">
        <label htmlFor="f-kind">机关类型</label>
        <AgencyKindSelect id="f-kind" {...form.register('kind')} />
        <p className="hint">{DEADLINE_RULE[report.agency.kind]}</p>
      </div>
      <p className="fact">
        报告年度：{report.year}年；格式：{report.format}年版（{format.source}）
      </p>
      <div className="field">
        <label htmlFor={domIdOf('publicationDate')}>发布日期</label>
        <input
          id={domIdOf('publicationDate')}
          type="date"
          {...form.register('publicationDate')}
          {...describedBy('publication-date-error', errors.publicationDate?.message)}
        />
        <FieldError id="publication-date-error" message={errors.publicationDate?.message} />
        <p className="hint">
          {report.deadline ? '本地规定的公布期限' : '法定公布期限'}：{chineseDate(deadlineOf(report))}
        </p>
        <Findings store={store} field="publicationDate" />
      </div>
      <div className="field">
        <label htmlFor="f-deadline">本地规定的公布期限（可选，覆盖《条例》期限）</label>
        <input
          id="f-deadline"
          type="date"
          {...form.register('deadline')}
          {...describedBy('f-deadline-error', errors.deadline?.message)}
        />
        <FieldError id="f-deadline-error" message={errors.deadline?.message} />
      </div>
      <TextArea
        store={store}
        field="intro"
        label="开头说明"
        hint={`写明编制依据和统计期限（${report.year}年1月1日至${report.year}年12月31日）。`}
        value={report.intro}
        rows={4}
        onChange={(intro) => store.update((r) => ({ ...r, intro }))}
      />
    </section>
  );
}

const TOPIC_HINTS: Readonly<Record<string, string>> = {
  proactive: '本年主动公开信息的数量、渠道和重点领域。',
  onRequest: '收到、办理申请的数量和办理情况；数字应与第三部分表格一致。',
  management: '信息发布审核、保密审查、政策文件清理和动态调整等。',
  platform: '政府网站、政务新媒体、公开专栏等平台的建设情况。',
  oversight: '监督考核、培训和责任追究等。',
  other: '其他方面的工作。',
};

const ADD_PART_ID = 'overview-add-part';

export function OverviewStep({ store }: { store: ReportStore }) {
  const report = useStoreValue(store, (s) => s.report);
  const { lead, blocks } = report.overview;
  const setBlocks = (next: Report['overview']['blocks']) =>
    store.update((r) => ({ ...r, overview: { ...r.overview, blocks: next } }));
  const government = report.agency.kind === 'government';
  const headings = overviewHeadings(blocks);
  // Adding or deleting a part moves focus to where the clerk goes on (the new part's 小标题; the part
  // before the deleted one, or 添加其他方面): a deleted button would leave it nowhere.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  return (
    <section className="step" aria-labelledby="step-1">
      <h2 id="step-1">{FORMATS[report.format].headings.一}</h2>
      <p className="hint">
        《格式》要求总体情况涵盖主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面，内容不能遗漏，也不宜泛化。
      </p>
      <TextArea
        store={store}
        field="overview.lead"
        label="总述（可选）"
        value={lead}
        rows={3}
        onChange={(text) =>
          store.update((r) => ({
            ...r,
            overview: { ...r.overview, lead: text },
          }))
        }
      />
      {blocks.map((block, i) => {
        const topic = OVERVIEW_TOPIC_LABELS[block.topic];
        const hint =
          block.topic === 'oversight' && government
            ? `${TOPIC_HINTS.oversight}人民政府还应报告工作考核、社会评议和责任追究结果情况（《条例》第五十条）。`
            : TOPIC_HINTS[block.topic];
        return (
          <fieldset key={i} className="block">
            <legend>
              {headings[i]?.text}
              {!headings[i]?.printed && <span className="legend-note">（未填写，不会输出）</span>}
            </legend>
            <div className="field field--inline">
              <label htmlFor={domIdOf(`overview.blocks[${i}].title`)}>小标题</label>
              <input
                id={domIdOf(`overview.blocks[${i}].title`)}
                value={block.title}
                placeholder={topic}
                onChange={(e) => setBlocks(blocks.map((b, j) => (j === i ? { ...b, title: e.target.value } : b)))}
              />
            </div>
            <TextArea
              store={store}
              field={`overview.blocks[${i}].text`}
              label={`${topic}：正文`}
              hint={hint}
              value={block.text}
              onChange={(text) => setBlocks(blocks.map((b, j) => (j === i ? { ...b, text } : b)))}
            />
            {blocks.findIndex((b) => b.topic === block.topic) === i && (
              <Findings store={store} field={`overview.${block.topic}`} />
            )}
            {block.topic === 'other' && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  // A part with something written in it goes only when the clerk confirms: there is no undo.
                  const written = block.title.trim() !== '' || block.text.trim() !== '';
                  const name = block.title.trim() ? `“${oneLine(block.title)}”` : '这一部分';
                  if (written && !window.confirm(`删除${name}及其内容？此操作不能撤销。`)) return;
                  focusNext.current = i > 0 ? domIdOf(`overview.blocks[${i - 1}].title`) : ADD_PART_ID;
                  setBlocks(blocks.filter((_, j) => j !== i));
                }}
              >
                删除此部分
              </button>
            )}
          </fieldset>
        );
      })}
      <button
        type="button"
        id={ADD_PART_ID}
        onClick={() => {
          focusNext.current = domIdOf(`overview.blocks[${blocks.length}].title`);
          setBlocks([...blocks, { topic: 'other', title: '', text: '' }]);
        }}
      >
        添加其他方面
      </button>
    </section>
  );
}

export function TableStep({ store, section }: { store: ReportStore; section: Extract<SectionNo, '二' | '三' | '四'> }) {
  const format = useStoreValue(store, (s) => s.report.format);
  const note = useStoreValue(store, (s) => s.report.tableNotes);
  const grids = useMemo(() => gridsOf(format), [format]);
  const { grid, key, hint } = {
    二: {
      grid: grids.active,
      key: 'active' as const,
      hint:
        format === '2019'
          ? '按《条例》第二十条各项填写本年数字；没有的填 0。第（九）项“采购总金额”的表头没有单位，这里以“万元”填写（如 493.5），输出时印为“493.5万元”。'
          : '按《条例》第二十条各项填写本年数字；没有的填 0。',
    },
    三: {
      grid: grids.applications,
      key: 'applications' as const,
      hint: '总计列和（七）总计由系统计算。“四、结转下年度继续办理”由您填写，须等于一 + 二 −（七）总计。',
    },
    四: {
      grid: grids.appeals,
      key: 'appeals' as const,
      hint: '各组总计由系统计算；没有案件的填 0。',
    },
  }[section];
  const heading = FORMATS[format].headings[section];
  return (
    <section className="step" aria-labelledby={`step-${key}`}>
      <h2 id={`step-${key}`}>{heading}</h2>
      <p className="hint">{hint}</p>
      <TextArea
        store={store}
        field={`tableNotes.${key}`}
        label="表前说明（可选）"
        value={note[key]}
        rows={2}
        onChange={(text) =>
          store.update((r) => ({
            ...r,
            tableNotes: { ...r.tableNotes, [key]: text },
          }))
        }
      />
      <GridEditor store={store} grid={grid} caption={heading} />
    </section>
  );
}

export function ProblemsStep({ store }: { store: ReportStore }) {
  const report = useStoreValue(store, (s) => s.report);
  const headings = problemHeadings(report.year);
  const set = (part: 'lastYear' | 'thisYear') => (text: string) =>
    store.update((r) => ({ ...r, problems: { ...r.problems, [part]: text } }));
  return (
    <section className="step" aria-labelledby="step-5">
      <h2 id="step-5">{FORMATS[report.format].headings.五}</h2>
      <p className="hint">既要报告上一年度问题的改进情况，也要报告本年度存在的问题和下一年度的改进举措。</p>
      <TextArea
        store={store}
        field="problems.lastYear"
        label={headings.lastYear}
        hint={
          report.baseline
            ? `已从${report.baseline.year}年度年报的“存在的问题及改进举措”带入，请写明改进结果。`
            : undefined
        }
        value={report.problems.lastYear}
        onChange={set('lastYear')}
      />
      <TextArea
        store={store}
        field="problems.thisYear"
        label={headings.thisYear}
        value={report.problems.thisYear}
        onChange={set('thisYear')}
      />
    </section>
  );
}

function FeeInput({ store, field }: { store: ReportStore; field: FeeField }) {
  const value = useStoreValue(store, (s) => s.value(field));
  const problem = useStoreValue(store, (s) => s.inputProblem(field));
  const [typing, setTyping] = useState<string | null>(null);
  return (
    <div className="field field--inline">
      <label htmlFor={domIdOf(field)}>{FEE_FIELDS[field].label}</label>
      <input
        id={domIdOf(field)}
        inputMode="decimal"
        value={typing ?? problem?.raw ?? formatCellInput(value)}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setTyping(e.target.value);
          store.enter([{ id: field, raw: e.target.value }]);
        }}
        onBlur={() => setTyping(null)}
      />
      <Findings store={store} field={field} />
    </div>
  );
}

export function OtherStep({ store }: { store: ReportStore }) {
  const report = useStoreValue(store, (s) => s.report);
  return (
    <section className="step" aria-labelledby="step-6">
      <h2 id="step-6">{FORMATS[report.format].headings.六}</h2>
      <fieldset className="block">
        <legend>政府信息公开信息处理费</legend>
        <p className="hint">
          {report.format === '2019'
            ? '2019 年版格式不要求报告信息处理费：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）自 2021 年 1 月 1 日起施行。可以不填；填写了的，以“元”计，印在第六部分。'
            : '按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）报告，没有的填 0。这里以“元”计，不要与第二部分（八）以“万元”计的收费金额混淆。'}
        </p>
        {(Object.keys(FEE_FIELDS) as FeeField[]).map((f) => (
          <FeeInput key={f} store={store} field={f} />
        ))}
      </fieldset>
      <TextArea
        store={store}
        field="other.items"
        label="其他事项"
        hint="如落实上级年度政务公开工作要点情况、人大代表建议和政协提案办理结果公开情况、工作创新、统计口径说明等。"
        value={report.other.items}
        onChange={(items) => store.update((r) => ({ ...r, other: { ...r.other, items } }))}
      />
    </section>
  );
}
