"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "./dialog";

/**
 * The in-app link a click would follow, or null when the click should go ahead untouched: a
 * modified or non-primary click (new tab or window), another origin, a download, a new target,
 * or a link to the page already shown.
 */
export function guardedHref(e: MouseEvent, here: Location): string | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
  if (!(a instanceof HTMLAnchorElement) || a.hasAttribute("download") || (a.target && a.target !== "_self")) return null;
  const url = new URL(a.href, here.href);
  if (url.origin !== here.origin) return null;
  if (url.pathname === here.pathname && url.search === here.search) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Keeps unsaved work from being lost: while `dirty`, closing or reloading the tab asks the
 * browser's question, and following a link inside the app (the navigation, breadcrumbs, any
 * `<a>`) asks first whether to leave without saving.
 *
 * Links are caught on `window` in the capture phase, before Next's `<Link>` handler (React
 * listens on the document), so nothing outside the builder needs to know about it.
 */
export function LeaveGuard({ dirty }: { dirty: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const href = guardedHref(e, window.location);
      if (!href) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(href);
    };
    window.addEventListener("beforeunload", onUnload);
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  if (!pending) return null;
  return (
    <Dialog
      title="Leave without saving?"
      description="This graph has changes that are not saved as a version yet."
      onClose={() => setPending(null)}
      testid="leave-dialog"
      footer={
        <>
          <Button type="button" variant="secondary" autoFocus onClick={() => setPending(null)}>
            Stay and keep editing
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => {
              const to = pending;
              setPending(null);
              router.push(to);
            }}
          >
            Leave and discard changes
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-700">If you leave now, the changes are lost. Stay to save them (Ctrl+S), or leave to discard them.</p>
    </Dialog>
  );
}
