-- A send in progress. The sender writes the row and commits it before it hands a message to the SMTP server, while
-- it holds the notification's row lock in another transaction; the lock's transaction deletes the row again when it
-- records the outcome. A row left behind means a sender died during the SMTP exchange: the message may or may not
-- have been delivered, so the next sender records the notification as `uncertain` instead of mailing it again.
-- No foreign key on purpose: checking one would take a share lock on the notification row that its sender holds,
-- and the sender would wait for itself.
create table notification_send_attempt (
    notification_id uuid        primary key,
    started_at      timestamptz not null
);
