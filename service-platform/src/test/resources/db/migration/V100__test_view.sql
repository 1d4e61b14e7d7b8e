create table test_reseller_view (reseller_tenant_id uuid primary key, applied_count integer not null);
