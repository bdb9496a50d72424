"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { api, ApiError } from "@/lib/client/api";
import { fieldErrors, ZSignUpRequestSchema } from "@/lib/schemas/account";
import { FormError } from "@/components/ui/notice";

/** Sign-up; with `inviteToken` the new account joins that workspace instead of getting its own. */
export function SignUpForm({ inviteToken, invitedEmail, callbackUrl }: { inviteToken?: string; invitedEmail?: string | null; callbackUrl?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.currentTarget)) as Record<string, string>;
    const input = {
      name: form.name,
      email: form.email,
      password: form.password,
      ...(form.workspaceName ? { workspaceName: form.workspaceName } : {}),
      ...(inviteToken ? { inviteToken } : {}),
    };
    const parsed = ZSignUpRequestSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      const res = await api<{ workspace: { slug: string } }>("/api/auth/signup", { body: parsed.data });
      const signed = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
      if (signed?.error) throw new Error("Your account was created, but signing in failed. Sign in from the login page.");
      router.push(callbackUrl ?? `/w/${res.workspace.slug}/graphs`);
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(err.fieldErrors());
      setFormError((err as Error).message);
      setPending(false);
    }
  }

  return (
    <div>
      <h1 className="text-lg font-semibold">{inviteToken ? "Create your account to join" : "Create your account"}</h1>
      <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
        <TextField label="Your name" name="name" autoComplete="name" error={errors.name} />
        <TextField label="E-mail" name="email" type="email" autoComplete="email" defaultValue={invitedEmail ?? undefined} error={errors.email} />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" hint="At least 8 characters." error={errors.password} />
        {!inviteToken && <TextField label="Workspace name" name="workspaceName" placeholder="Acme procurement" hint="You can add more workspaces later." error={errors.workspaceName} />}
        {formError && (
          <FormError>{formError}</FormError>
        )}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Creating…" : "Create account"}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={`/login${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`} className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
