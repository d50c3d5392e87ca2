-- The category of an opinion (城乡建设, 交通出行…): Open311's service code,
-- optional for opinions entered otherwise.
ALTER TABLE cases ADD COLUMN category TEXT NOT NULL DEFAULT '';
