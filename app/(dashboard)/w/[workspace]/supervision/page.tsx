import { SupervisionPage } from "@/components/supervision/supervision-page";

export const metadata = { title: "Supervision" };

export default function Page() {
  return <SupervisionPage />;
}
