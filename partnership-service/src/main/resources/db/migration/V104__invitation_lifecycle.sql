-- An invitation's life on the query side: pending until it is used once (accepted) or withdrawn (revoked);
-- "expired" is a pending invitation past its expiry. It may name the one reseller that can use it.
alter table partnership_invitation
    add column reseller_email      text,
    add column invited_reseller    uuid,
    add column state               text not null default 'pending',
    add column used_by_reseller    uuid,
    add column closed_at           timestamptz;

-- Invitations that partnerships were accepted with were used.
update partnership_invitation i set state = 'accepted', used_by_reseller = p.reseller_tenant_id, closed_at = p.since
from partnership p where p.invitation_id = i.invitation_id;

create index partnership_invitation_by_provider on partnership_invitation (provider_tenant_id, issued_at desc);
