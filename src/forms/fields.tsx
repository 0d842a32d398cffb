import type { KeyboardEvent } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { AGENCY_KINDS, AGENCY_KIND_LABELS } from '../model/report';

/** The 机关类型 choice, as the 新建年报 form and the 基本信息 step both offer it. */
export function AgencyKindSelect({ id, ...field }: { id: string } & UseFormRegisterReturn) {
  return (
    <select id={id} {...field}>
      {AGENCY_KINDS.map((k) => (
        <option key={k} value={k}>
          {AGENCY_KIND_LABELS[k]}
        </option>
      ))}
    </select>
  );
}

/**
 * The attributes that tie an input to its error text (`FieldError` with the same id), so a screen
 * reader says the error with the field; nothing when there is none.
 */
export function describedBy(errorId: string, message: string | undefined) {
  return message ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
}

/** A field's error text, named by the id its input's `describedBy` points to. */
export function FieldError(props: { id: string; message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p id={props.id} className="error-text">
      {props.message}
    </p>
  );
}

/** A form's key handler that makes Escape, from any of its fields, do what 取消 does. */
export function escapeCancels(onCancel: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    onCancel();
  };
}
