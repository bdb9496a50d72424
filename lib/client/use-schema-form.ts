"use client";
/**
 * Form submission validated by the same zod schema the API uses: field-level messages
 * before anything is sent, and the API's own field issues when it refuses the request.
 *
 * @example
 * const form = useSchemaForm(ZCreateApiKeyRequestSchema, (v) => ({ name: v.name, role: v.role }));
 * <form noValidate onSubmit={form.handleSubmit((data, el) => create.mutate(data, { onError: form.apiError }))}>
 *   <TextField name="name" error={form.errors.name} />
 */
import { useCallback, useState, type FormEvent } from "react";
import type { z } from "zod";
import { fieldErrors } from "@/lib/schemas/account";
import { ApiError } from "./api";

export function useSchemaForm<S extends z.ZodType>(schema: S, toInput: (values: Record<string, string>) => unknown) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const handleSubmit = (onValid: (data: z.output<S>, form: HTMLFormElement) => void) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const parsed = schema.safeParse(toInput(Object.fromEntries(new FormData(form)) as Record<string, string>));
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    onValid(parsed.data, form);
  };
  /** Shows the field issues of a request the API refused (other errors leave the fields alone). */
  const apiError = useCallback((err: Error) => {
    if (err instanceof ApiError && err.issues.length) setErrors(err.fieldErrors());
  }, []);
  return { errors, setErrors, handleSubmit, apiError };
}
