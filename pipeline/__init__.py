"""muscle-atrophy-facts: extract, validate and publish facts about muscle-atrophy conditions."""
