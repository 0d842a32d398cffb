import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { FORMATS, formatForYear } from '../model/formats';
import type { AgencyKind } from '../model/report';
import { AGENCY_KINDS } from '../model/report';
import { toHalfWidth } from './cell-input';
import { AgencyKindSelect, FieldError, describedBy, escapeCancels } from './fields';

/** 新建年报: agency name, agency kind and year; the format follows from the year. */

const schema = z.object({
  name: z.string().trim().min(1, { error: '请填写机关名称' }).max(100, { error: '机关名称过长' }),
  kind: z.enum(AGENCY_KINDS, { error: '请选择机关类型' }),
  // As typed: full-width digits read, an empty field is "not filled in" (coerced, it would be year 0).
  year: z.preprocess(
    (v) => (typeof v === 'string' ? toHalfWidth(v).trim() || undefined : v),
    z.coerce
      .number({ error: '请填写报告年度' })
      .int({ error: '年份应为整数' })
      .min(2019, { error: '本工具支持 2019 年度及以后的年报' })
      .max(2100, { error: '年份过大' }),
  ),
});

export interface NewReportValues {
  readonly name: string;
  readonly kind: AgencyKind;
  readonly year: number;
}

export function NewReportForm(props: { onCreate: (values: NewReportValues) => void; onCancel: () => void }) {
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: '',
      kind: 'department',
      year: new Date().getFullYear() - 1,
    },
  });
  const { errors } = form.formState;
  const year = Number(toHalfWidth(String(useWatch({ control: form.control, name: 'year' }) ?? '')));
  const format = Number.isInteger(year) && year >= 2019 ? FORMATS[formatForYear(year)] : undefined;
  return (
    <form
      className="new-report"
      onSubmit={form.handleSubmit(props.onCreate)}
      noValidate
      aria-labelledby="new-title"
      onKeyDown={escapeCancels(props.onCancel)}
    >
      <h2 id="new-title">新建年报</h2>
      <div className="field">
        <label htmlFor="new-name">机关名称</label>
        <input
          id="new-name"
          // The form opens on a click of 新建年报: the clerk types the name next.
          autoFocus
          {...form.register('name')}
          placeholder="如：某某市某某局"
          {...describedBy('new-name-error', errors.name?.message)}
        />
        <FieldError id="new-name-error" message={errors.name?.message} />
      </div>
      <div className="field">
        <label htmlFor="new-kind">机关类型</label>
        <AgencyKindSelect id="new-kind" {...form.register('kind')} />
      </div>
      <div className="field">
        <label htmlFor="new-year">报告年度</label>
        <input
          id="new-year"
          type="number"
          inputMode="numeric"
          {...form.register('year')}
          {...describedBy('new-year-error', errors.year?.message)}
        />
        <FieldError id="new-year-error" message={errors.year?.message} />
        {format && (
          <p className="hint">
            使用 {format.id} 年版格式（{format.source}）
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          创建
        </button>
        <button type="button" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
