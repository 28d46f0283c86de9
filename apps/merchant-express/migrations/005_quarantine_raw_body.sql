-- Ambiguous notifications (@etkit/notify's AMBIGUOUS): the salt verified, but the signed string reads as more
-- than one notification, so its fields are not ET's for certain (a re-cut forgery, or ET's own with free text
-- shaped like fields). They are kept here by their raw body alone, never by fields, under the key every re-cut
-- and resend of that string shares. Unreadable ones (MALFORMED) keep their raw body too.
ALTER TABLE notification_quarantine ALTER COLUMN fields DROP NOT NULL;
ALTER TABLE notification_quarantine ADD COLUMN raw_body TEXT;
ALTER TABLE notification_quarantine ADD COLUMN content_type TEXT;
