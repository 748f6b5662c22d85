-- A HALL credential (MV27): a WHIP ingest whose publication is the meeting's hall feed (the main hall's encoder).
alter table room_credential drop constraint room_credential_kind_check;
alter table room_credential add constraint room_credential_kind_check check (kind in ('KIOSK', 'WHIP', 'WHEP', 'HALL'));
