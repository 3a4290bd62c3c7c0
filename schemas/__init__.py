"""The data contract as code: pandera models (schemas.models) and vocabularies (schemas.vocabularies)."""
