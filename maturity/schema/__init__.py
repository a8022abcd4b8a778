"""The file formats as pydantic models: answers, questionnaires, rules, results. They are the schema
(exported as JSON Schema by ``maturity schema``); the loaders that read these files live beside the
package."""
