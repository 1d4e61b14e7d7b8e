-- Invitations as the query side holds them, so that checking a presented link is a read, not a command.
-- Only the SHA-256 of the link's token is kept, as in the event store; the token itself never is.
create table partnership_invitation (
    invitation_id      uuid        primary key,
    provider_tenant_id uuid        not null,
    issued_by          text        not null,
    issued_at          timestamptz not null,
    expires_at         timestamptz not null,
    token_sha256       text
);

-- Invitations issued before this table existed: the projection runs in the command's transaction and does not
-- replay history, so they are copied from the event store once (Jackson JSON payloads, ISO-8601 instants).
insert into partnership_invitation (invitation_id, provider_tenant_id, issued_by, issued_at, expires_at)
select (p ->> 'invitationId')::uuid, (p ->> 'providerTenantId')::uuid, p ->> 'issuedBy',
       (p ->> 'occurredAt')::timestamptz, (p ->> 'expiresAt')::timestamptz
from (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
      where payload_type = 'com.cspchannel.events.partnership.PartnershipInvitationIssued') issued
on conflict (invitation_id) do nothing;

update partnership_invitation i set token_sha256 = t.p ->> 'tokenSha256', expires_at = (t.p ->> 'expiresAt')::timestamptz
from (select convert_from(payload, 'UTF8')::jsonb as p from domain_event_entry
      where payload_type = 'com.cspchannel.partnership.command.InvitationTokenIssued') t
where i.invitation_id = (t.p ->> 'invitationId')::uuid;
