import { SignUpForm } from "@/components/auth/signup-form";

export const metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  return <SignUpForm callbackUrl={callbackUrl} />;
}
