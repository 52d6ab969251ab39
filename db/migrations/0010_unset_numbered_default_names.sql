-- Names that were never chosen: accounts created without a name used to get "Member 1000".."Member 9999",
-- which read like a real name in the gallery, on leaderboards and in shout-out rolls. They become unset (''),
-- which the web app shows as "a member without a name yet" until the member picks one.
UPDATE `users` SET `name` = '' WHERE `name` GLOB 'Member [1-9][0-9][0-9][0-9]';
