-- Extra topic permissions of one credential, beyond its role's: a JSON array of
-- {"topicFilter":..,"activity":..}, all inside the account's free topic space accounts/${account}/.
ALTER TABLE access_token ADD COLUMN permissions TEXT;
ALTER TABLE basic_credential ADD COLUMN permissions TEXT;
