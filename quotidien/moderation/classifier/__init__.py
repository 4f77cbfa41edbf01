"""A statistical classifier of reader comments, trained by the project on its own corpus.

Kept apart from the hand-written rules: `features` turns a comment into hashed features,
`model` scores them with the weights of a linear model in plain Python (the web worker
never imports numpy or scikit-learn), `training` fits those weights with scikit-learn
from the shipped corpus and the moderators' decisions, and `rule` makes the classifier
one screening rule among the others.
"""
