import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { oauth } from "@/lib/env";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default function LoginPage() {
  const providers = [
    ...(oauth.github() ? [{ id: "github", name: "GitHub" }] : []),
    ...(oauth.google() ? [{ id: "google", name: "Google" }] : []),
  ];
  return (
    <Suspense>
      <LoginForm oauthProviders={providers} />
    </Suspense>
  );
}
