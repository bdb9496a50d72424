import { expect, test } from "./fixtures";
import { screen, signIn, signOut } from "./helpers";

const stamp = Date.now().toString(36);
const owner = { name: "Olivia Owner", email: `olivia-${stamp}@example.test`, password: "olivia-password-1" };
const invitee = { name: "Victor Viewer", email: `victor-${stamp}@example.test`, password: "victor-password-1" };

test("sign up, workspaces, invite link, invitee signs in, role restrictions hold in UI and API", async ({ page, browser }) => {
  // sign up: the form validates before submitting
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Tell us your name")).toBeVisible();
  await screen(page, "01-signup-validation");
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Workspace name").fill(`Acme Procurement ${stamp}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/w\/acme-procurement-[a-z0-9-]+\/graphs/);
  const slug = new URL(page.url()).pathname.split("/")[2];
  await expect(page.getByRole("heading", { name: "Graphs", exact: true })).toBeVisible();
  await expect(page.getByTestId("current-role")).toHaveText(/Owner/);
  await screen(page, "02-graphs-empty");

  // a second workspace, then switch back
  await page.getByLabel("Workspace", { exact: true }).selectOption("__new");
  await page.waitForURL(/\/workspaces\/new/);
  await page.getByLabel("Workspace name").fill(`Second Team ${stamp}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(/\/w\/second-team-[a-z0-9-]+\/graphs/);
  await page.getByLabel("Workspace", { exact: true }).selectOption(slug);
  await page.waitForURL(new RegExp(`/w/${slug}/graphs`));

  // rename, then invite by link as viewer
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Workspace name").fill(`Acme Purchasing ${stamp}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Workspace renamed.")).toBeVisible();
  await page.getByLabel("Invite as").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
  await screen(page, "03-settings-owner");
  await signOut(page);

  // the invitee opens the link, creates an account and lands in the workspace as viewer
  const invitePath = new URL(link).pathname;
  await page.goto(invitePath);
  await expect(page.getByText(`Acme Purchasing ${stamp}`)).toBeVisible();
  await expect(page.getByText("Viewer", { exact: true })).toBeVisible();
  await screen(page, "04-invite");
  await page.getByLabel("Your name").fill(invitee.name);
  await page.getByLabel("E-mail").fill(invitee.email);
  await page.getByLabel("Password").fill(invitee.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(new RegExp(`/w/${slug}/graphs`));
  await expect(page.getByTestId("current-role")).toHaveText(/Viewer/);

  // a viewer sees no management controls…
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Invitations", exact: true })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "API keys", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /Role of/ })).toHaveCount(0);
  await screen(page, "05-settings-viewer");
  // …and the API refuses the same actions with the same session
  const invite = await page.request.post("/api/v1/invitations", { headers: { "x-workspace": slug }, data: { role: "viewer" } });
  expect(invite.status()).toBe(403);
  const rename = await page.request.patch("/api/v1/workspace", { headers: { "x-workspace": slug }, data: { name: "Hijacked" } });
  expect(rename.status()).toBe(403);
  const audit = await page.request.get("/api/v1/audit", { headers: { "x-workspace": slug } });
  expect(audit.status()).toBe(403);
  await signOut(page);

  // the owner sees the new member, promotes them, and the audit log records it all
  await signIn(page, owner.email, owner.password);
  await page.goto(`/w/${slug}/settings`);
  const row = page.getByTestId(`member-${invitee.email}`);
  await expect(row.getByRole("combobox")).toHaveValue("viewer");
  await row.getByRole("combobox").selectOption("editor");
  await expect(page.getByText("Role changed.")).toBeVisible();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByText("member.role_changed")).toBeVisible();
  // people by name, their ids behind a copy button
  const changed = page.getByRole("row").filter({ hasText: "member.role_changed" });
  await expect(changed).toContainText(owner.name);
  await expect(changed).toContainText(invitee.name);
  await expect(changed).not.toContainText("usr_");
  await expect(changed.getByRole("button", { name: /^Copy id usr_/ })).toHaveCount(2);
  await expect(page.getByText("member.joined")).toBeVisible();
  await expect(page.getByText("invitation.created")).toBeVisible();
  await expect(page.getByText("auth.sign_in").first()).toBeVisible();
  await screen(page, "06-audit-log");

  // a brand-new browser with no session is sent to sign in
  const anon = await browser.newPage();
  await anon.goto(`/w/${slug}/graphs`);
  await anon.waitForURL(/\/login/);
  await anon.close();
});

test("the demo login printed by npm run dev works", async ({ page, browserProblems }) => {
  // the wrong password below is refused on purpose
  browserProblems.allowResponse(401, /\/api\/auth\/callback\/credentials/);
  await signIn(page, "demo@switchyard.local", "switchyard-demo");
  await expect(page).toHaveURL(/\/w\/demo\/graphs/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  await page.getByLabel("E-mail").fill("demo@switchyard.local");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
  await screen(page, "00-login-error");
});
